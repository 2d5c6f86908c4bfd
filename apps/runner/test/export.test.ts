import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectClose } from '@clearprop/tensor/testing';
import type { ExportCase } from '@clearprop/training/testing';
import * as ort from 'onnxruntime-web';
import { ROOT, tempDir } from './cli-harness.ts';
import { featureNamesOf, PYTHON, readPredictions, ROWS, run, saveCases, writeFeatureCsv, type PredictionsCsv } from './export-fixtures.ts';

// One WASM thread: the machine's two cores are shared with the other test projects.
ort.env.wasm.numThreads = 1;

// Every activation × {regression, 2-way softmax, 1-unit sigmoid, 3-way softmax}, each saved as a real model file,
// then: convert → .onnx, export → .mjs (+ one .cjs), predict → CSV with the reference and the default kernels.
const dir = tempDir('clearprop-export-');
let cases: readonly ExportCase[] = [];
const reference = new Map<string, PredictionsCsv>();
const defaults = new Map<string, PredictionsCsv>();
const file = (name: string, extension: string) => join(dir, `${name}${extension}`);

beforeAll(async () => {
  cases = await saveCases(dir);
  writeFeatureCsv(dir, featureNamesOf(cases[0].saved));
  for (const { name } of cases) {
    const model = `${name}.safetensors`;
    await run(dir, ['convert', model, `${name}.onnx`]);
    await run(dir, ['export', model, '--out', `${name}.mjs`]);
    await run(dir, ['predict', '--model', model, '--data', 'data.csv', '--kernels', 'ts', '--out', `${name}.ts.csv`]);
    await run(dir, ['predict', '--model', model, '--data', 'data.csv', '--out', `${name}.default.csv`]);
    reference.set(name, readPredictions(file(name, '.ts.csv')));
    defaults.set(name, readPredictions(file(name, '.default.csv')));
  }
  await run(dir, ['export', 'prelu-multiclass.safetensors', '--format', 'cjs', '--out', 'prelu-multiclass.cjs']);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
});

describe('ONNX files', () => {
  it('ONNX Runtime (onnxruntime-web) agrees with clearprop predict on every file (rtol 1e-5, atol 1e-6)', async () => {
    const x = new ort.Tensor('float32', Float32Array.from(ROWS.flat()), [ROWS.length, 3]);
    for (const { name, task } of cases) {
      const session = await ort.InferenceSession.create(readFileSync(file(name, '.onnx')));
      const outputName = task === 'regression' ? 'output' : 'probabilities';
      expect({ name, outputs: session.outputNames }).toEqual({ name, outputs: [outputName] });
      const result = await session.run({ input: x });
      // The absolute term covers ONNX Runtime's Sigmoid, which is accurate to ~1e-7 absolute (not relative) in its tails.
      expectClose(result[outputName].data as Float32Array, reference.get(name)?.outputs.flat() ?? [], { rtol: 1e-5, atol: 1e-6 });
      await session.release();
    }
  });

  it("Debian's onnx.checker.check_model(full_check=True) passes on every file, which declares opset 17 and IR 8", () => {
    const script = [
      'import json, sys, onnx',
      'out = {}',
      'for path in sys.argv[1:]:',
      '    model = onnx.load(path)',
      '    onnx.checker.check_model(model, full_check=True)',
      '    out[path] = [model.ir_version, [(o.domain, o.version) for o in model.opset_import], [i.name for i in model.graph.input], [o.name for o in model.graph.output]]',
      'print(json.dumps(out))',
    ].join('\n');
    const files = cases.map(({ name }) => file(name, '.onnx'));
    const checked = JSON.parse(execFileSync(PYTHON, ['-c', script, ...files], { encoding: 'utf8' })) as Record<string, unknown>;
    for (const { name, task } of cases) {
      expect({ name, read: checked[file(name, '.onnx')] }).toEqual({ name, read: [8, [['', 17]], ['input'], [task === 'regression' ? 'output' : 'probabilities']] });
    }
  });
});

describe('predict modules', () => {
  // Plain node: no tsx, no loader, no Jest; the module must stand alone.
  function importWithNode(): Record<string, unknown> {
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(ROWS));
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { createRequire } from 'node:module';",
      "const rows = JSON.parse(readFileSync('rows.json', 'utf8'));",
      'const out = {};',
      `for (const name of ${JSON.stringify(cases.map((c) => c.name))}) out[name] = (await import(\`./\${name}.mjs\`)).predictBatch(rows);`,
      "out.cjs = createRequire(import.meta.url)('./prelu-multiclass.cjs').predictBatch(rows);",
      'process.stdout.write(JSON.stringify(out));',
    ].join('\n');
    const { NODE_OPTIONS: _jest, FORCE_COLOR: _colour, ...env } = process.env;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, encoding: 'utf8' }));
  }

  it('imported by plain node: predict\'s numbers bit for bit vs --kernels ts, within 1e-6 (relative, and norm-wise) vs the default kernels; same labels', () => {
    const results = importWithNode();
    for (const { name, task } of cases) {
      const got = results[name] as ({ label: string; probabilities: number[] } | number[])[];
      const outputs = task === 'regression' ? (got as number[][]) : got.map((p) => (p as { probabilities: number[] }).probabilities);
      const expected = reference.get(name) as PredictionsCsv;
      expect({ name, outputs }).toEqual({ name, outputs: expected.outputs });
      if (task !== 'regression') expect({ name, labels: got.map((p) => (p as { label: string }).label) }).toEqual({ name, labels: expected.labels });
      // The WASM kernels sum in another order: a few float32 ulps of the terms, which can cancel (identity nets), so
      // the bound is norm-wise — 1e-6 of the largest output of the batch — rather than per element.
      const byDefault = defaults.get(name)?.outputs.flat() ?? [];
      const scale = Math.max(1, ...byDefault.map(Math.abs));
      try {
        expectClose(outputs.flat(), byDefault, { rtol: 1e-6, atol: 1e-6 * scale });
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
    }
    expect(results.cjs).toEqual(results['prelu-multiclass']);
  });

  it('every module and its .d.mts / .d.cts pass a strict tsc (checkJs), and the types are the task\'s', () => {
    const lines = cases.flatMap(({ name, task }, i) => [
      `import * as m${i} from './${name}.mjs';`,
      ...(task === 'regression'
        ? [`export const y${i}: number[] = m${i}.predict([1, 2, 3]);`, '// @ts-expect-error regression has no label', `m${i}.predict([1, 2, 3]).label;`]
        : [`export const p${i}: number[] = m${i}.predictBatch([new Float32Array(3)])[0].probabilities;`,
          `export const l${i}: (typeof m${i}.classLabels)[number] = m${i}.predict([1, 2, 3]).label;`,
          '// @ts-expect-error a label is one of the class labels, not any string', `export const bad${i}: 'not a label' = m${i}.predict([1, 2, 3]).label;`]),
    ]);
    lines.push("import { predict as fromCjs } from './prelu-multiclass.cjs';", "export const cjs: 'setosa' | \"it's\" | 'vir\\\\ginica' = fromCjs([0, 0, 0]).label;");
    writeFileSync(join(dir, 'consumer.ts'), lines.join('\n') + '\n');
    const modules = [...cases.map(({ name }) => `${name}.mjs`), 'prelu-multiclass.cjs'];
    const flags = ['--strict', '--noEmit', '--allowJs', '--checkJs', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom'];
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...flags, 'consumer.ts', ...modules], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});

describe('a model trained by clearprop train (the iris preset), and the README examples', () => {
  it('exports with the labels, feature names and normalization its training wrote; both README examples run', async () => {
    const trained = tempDir('clearprop-export-trained-');
    await run(trained, ['train', '--preset', 'iris', '--out-dir', 'run', '-q']);
    await run(trained, ['convert', 'run/model.safetensors', 'iris.onnx']);
    await run(trained, ['export', 'run/model.safetensors', '--out', 'iris.mjs']);
    writeFileSync(join(trained, 'features.csv'), 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n');
    await run(trained, ['predict', '--model', 'run/model.safetensors', '--data', 'features.csv', '--kernels', 'ts', '--out', 'predictions.csv']);
    const expected = readPredictions(join(trained, 'predictions.csv'));
    expect(expected.labels).toEqual(['setosa', 'virginica']);

    const metadata = JSON.parse(execFileSync(PYTHON, ['-c', 'import json, sys, onnx; print(json.dumps({p.key: p.value for p in onnx.load(sys.argv[1]).metadata_props}))', join(trained, 'iris.onnx')], { encoding: 'utf8' }));
    expect(JSON.parse(metadata.class_labels)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(JSON.parse(metadata.feature_names)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(JSON.parse(metadata.normalization)).toMatchObject({ kind: 'standardize' });
    expect(JSON.parse(metadata.training_config)).toMatchObject({ name: 'iris', epochs: 150 });

    // The README's examples, verbatim from docs/examples/, run by plain node next to the exported files.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const example of ['onnx-runtime.mjs', 'predict-module.mjs']) {
      expect(readme).toContain('```js\n' + readFileSync(join(ROOT, 'docs/examples', example), 'utf8') + '```');
      copyFileSync(join(ROOT, 'docs/examples', example), join(trained, example));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(trained, 'node_modules'));
    const { NODE_OPTIONS: _jest, FORCE_COLOR: _colour, ...env } = process.env;
    const node = (script: string) => execFileSync(process.execPath, [script], { cwd: trained, env, encoding: 'utf8' });
    const printed = (node('onnx-runtime.mjs').match(/-?\d[\d.]*(e-?\d+)?(?=,?\n)/g) ?? []).map(Number);
    expectClose(printed, expected.outputs.flat(), { rtol: 1e-5, atol: 1e-6 });
    const moduleOutput = node('predict-module.mjs');
    expect(moduleOutput).toContain("[ 'setosa', 'versicolor', 'virginica' ]\n{\n  label: 'setosa',\n  probabilities: [");
    expect(moduleOutput).toMatch(/\[ 'virginica' \]\n$/);
    for (const p of expected.outputs[0]) expect(moduleOutput).toContain(`    ${p}`); // the same numbers, bit for bit
  });
});
