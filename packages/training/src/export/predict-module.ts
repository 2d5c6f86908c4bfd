import { assertParams, sequential, type Model } from '@clearprop/nn';
import type { SavedModel } from '../files/model-file.ts';
import { IN_MEMORY_SOURCE } from '../files/model-file-error.ts';
import { describeScaling, inputScaling, type InputScaling } from './input-scaling.ts';
import { describeOutputs, modelOutputs, type ModelOutputs } from './model-outputs.ts';
import { forwardFunction, parameterLines, PRELUDE, scratchLines } from './predict-module-source.ts';
import { moduleDeclarations } from './predict-module-types.ts';

/** The module system of a generated predict module. */
export type ModuleFormat = 'esm' | 'cjs';

/** Options for {@link toPredictModule}. */
export interface PredictModuleOptions {
  /** `esm` (export statements) or `cjs` (module.exports). @defaultValue 'esm' */
  readonly format?: ModuleFormat;
  /** Leave the normalization out: predict then takes rows scaled as the header comment says. @defaultValue false */
  readonly rawInputs?: boolean;
  /** The model's file name, for error messages and the header comment. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
}

/** A generated predict module: its JavaScript and the TypeScript declarations to save next to it. */
export interface PredictModule {
  readonly code: string;
  readonly declarations: string;
}

/**
 * Generates a standalone JavaScript module (no imports, no dependencies) that runs a saved model:
 * `predict(row)` → `{ label, probabilities }` for classification or `number[]` for regression, `predictBatch(rows)`,
 * and `featureNames` plus `classLabels` or `targetNames`. Shapes: row [features] → [outputs]. The weights are inlined
 * as base64 float32, the normalization is applied first (unless rawInputs), and every value is rounded with
 * Math.fround where nn.predict with the reference TS kernels stores it, so the numbers are the same bit for bit.
 * The activations come from the compiled step's emitters (each activation record's `emitter`), not a second code generator.
 * Throws ShapeError if the params do not fit the spec, ModelFileError naming `source` for unusable metadata.
 */
export function toPredictModule(saved: SavedModel, options: PredictModuleOptions = {}): PredictModule {
  const source = options.source ?? IN_MEMORY_SOURCE;
  const format = options.format ?? 'esm';
  const model = sequential(saved.spec);
  assertParams(model, saved.params);
  const outputs = modelOutputs(saved, source);
  const scaling = inputScaling(saved, source);
  const applied = options.rawInputs === true ? undefined : scaling;
  const exported = (name: string, value: string): string => `${format === 'esm' ? 'export ' : ''}${name} ${value}`;
  const lines = [
    ...header(model, outputs, source, scaling, applied !== undefined),
    ...(format === 'cjs' ? ["'use strict';", ''] : []),
    ...PRELUDE,
    '',
    ...parameterLines(saved.params),
    '',
    ...nameLines(outputs, exported),
    '',
    ...scratchLines(model, applied),
    '',
    ...forwardFunction(model, applied),
    '',
    ...apiLines(model, outputs, exported),
    ...(format === 'cjs' ? ['', `module.exports = { featureNames, ${outputs.task === 'classification' ? 'classLabels' : 'targetNames'}, predict, predictBatch };`] : []),
  ];
  return { code: lines.join('\n') + '\n', declarations: moduleDeclarations(model, outputs) };
}

/** The header: what the module is, how to call it, what it promises. */
function header(model: Model, outputs: ModelOutputs, source: string, scaling: InputScaling | undefined, applied: boolean): string[] {
  const returns = outputs.task === 'classification' ? '{ label, probabilities }' : 'number[]';
  const inputs = scaling === undefined ? 'raw features' : applied ? 'raw features (normalized inside)' : `features scaled first: ${describeScaling(scaling)}`;
  return [
    `// clearprop predict module: ${model.describe()}, ${outputs.task}, generated from ${JSON.stringify(source)}; do not edit.`,
    `// predict(row) → ${returns}; predictBatch(rows). Rows: ${inputs}.`,
    `// Outputs ${describeOutputs(outputs, model.outputs)}.`,
    '// No imports; float32 rounding where clearprop rounds, so results equal `clearprop predict --kernels ts` bit for bit.',
    '',
  ];
}

function nameLines(outputs: ModelOutputs, exported: (name: string, value: string) => string): string[] {
  const frozen = (list: readonly string[]) => `Object.freeze(${JSON.stringify(list)});`;
  return [
    '/** The input features, in order. */',
    exported('const featureNames =', frozen(outputs.featureNames)),
    ...(outputs.task === 'classification'
      ? ['/** The class labels, in output order. */', exported('const classLabels =', frozen(outputs.classLabels))]
      : ['/** The regression targets, in output order. */', exported('const targetNames =', frozen(outputs.targetNames))]),
  ];
}

/** Input checks, the result shape, predict and predictBatch. */
function apiLines(model: Model, outputs: ModelOutputs, exported: (name: string, value: string) => string): string[] {
  const n = model.inputs;
  const label = model.outputs === 1
    ? `classLabels[p[0] > ${outputs.threshold} ? 1 : 0]`
    : 'classLabels[p.reduce((best, v, j) => (v > p[best] ? j : best), 0)]';
  const result = outputs.task === 'classification' ? `({ label: ${label}, probabilities: p })` : 'p';
  return [
    '/** Throws a TypeError unless `row` holds one finite number per feature. @param {ArrayLike<number>} row @param {string} where */',
    'function check(row, where) {',
    `  if (row === null || typeof row !== 'object' || row.length !== ${n}) {`,
    `    throw new TypeError(\`\${where}: expected ${n} features (\${featureNames.join(', ')}), got \${row === null || typeof row !== 'object' ? String(row) : \`\${row.length} values\`}\`);`,
    '  }',
    `  for (let i = 0; i < ${n}; i++) {`,
    "    if (typeof row[i] !== 'number' || !Number.isFinite(row[i])) throw new TypeError(`${where}: feature ${i} (${featureNames[i]}) must be a finite number, got ${String(row[i])}`);",
    '  }',
    '}',
    '',
    '/** @param {number[]} p */',
    `const result = (p) => ${result};`,
    '',
    '/** The prediction for one row of features. @param {ArrayLike<number>} row */',
    exported('function', "predict(row) {\n  check(row, 'predict');\n  return result(forward(row));\n}"),
    '',
    '/** The predictions for rows of features, in order. @param {ArrayLike<ArrayLike<number>>} rows */',
    exported('function', "predictBatch(rows) {\n  if (rows === null || typeof rows !== 'object') throw new TypeError(`predictBatch: expected an array of rows, got ${String(rows)}`);\n  return Array.from(rows, (row, i) => {\n    check(row, `predictBatch: row ${i}`);\n    return result(forward(row));\n  });\n}"),
  ];
}
