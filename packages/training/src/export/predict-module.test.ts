import { describe, expect, it } from '@jest/globals';
import { applyScalerInPlace, type Scaler } from '@clearprop/data';
import { predict as nnPredict, sequential } from '@clearprop/nn';
import { fromData, tsKernels } from '@clearprop/tensor';
import type { SavedModel } from '../files/model-file.ts';
import { exportCases, exportRows, randomSavedModel } from '../testing/index.ts';
import { toPredictModule, type PredictModuleOptions } from './predict-module.ts';

type Prediction = { readonly label: string; readonly probabilities: number[] };
interface Loaded {
  readonly predict: (row: ArrayLike<number>) => Prediction | number[];
  readonly predictBatch: (rows: unknown) => (Prediction | number[])[];
  readonly featureNames: readonly string[];
  readonly classLabels?: readonly string[];
  readonly targetNames?: readonly string[];
}

// The CJS form evaluated in-process (the ESM form is imported by real node in the runner's export tests).
function load(saved: SavedModel, options: PredictModuleOptions = {}): Loaded {
  const module = { exports: {} as Loaded };
  new Function('module', toPredictModule(saved, { ...options, format: 'cjs' }).code)(module); // the point: run the generated code
  return module.exports;
}

const rows = exportRows(24);

/** nn.predict with the reference kernels on rows read as the CLI reads them: float32, then the saved scaler. */
function reference(saved: SavedModel): number[][] {
  const x = Float32Array.from(rows.flat());
  if (saved.normalization) applyScalerInPlace(saved.normalization as unknown as Scaler, x, rows.length, saved.spec.inputs);
  const out = nnPredict(sequential(saved.spec), saved.params, fromData(x, [rows.length, saved.spec.inputs]), { kernels: tsKernels }).data;
  const k = out.length / rows.length;
  return rows.map((_, i) => Array.from(out.subarray(i * k, (i + 1) * k)));
}

describe('toPredictModule', () => {
  it.each(exportCases().map((c) => [c.name, c] as const))('%s: the module gives nn.predict\'s numbers bit for bit', (_name, { saved, task }) => {
    const module = load(saved);
    const expected = reference(saved);
    const got = module.predictBatch(rows);
    if (task === 'regression') {
      expect(got).toEqual(expected);
      expect(module.predict(rows[3])).toEqual(expected[3]);
      return;
    }
    const predictions = got as Prediction[];
    expect(predictions.map((p) => p.probabilities)).toEqual(expected);
    const labels = module.classLabels ?? [];
    // Written out rather than shared with the module: the label rule of predictions-csv.ts.
    const expectedLabels = expected.map((p) => (p.length === 1 ? labels[p[0] > 0.5 ? 1 : 0] : labels[p.indexOf(Math.max(...p))]));
    expect(predictions.map((p) => p.label)).toEqual(expectedLabels);
    expect(module.predict(rows[5])).toEqual(predictions[5]);
  });

  it('exports the names; classification labels come from the file, thresholded at 0.5 for one sigmoid output', () => {
    const cases = exportCases();
    const sigmoid = load(cases.find((c) => c.name === 'relu-binarySigmoid')?.saved as SavedModel);
    expect(sigmoid.classLabels).toEqual(['ham', 'spam']);
    expect(sigmoid.featureNames).toEqual(['sepal length', 'width "cm"', 'x\\3']);
    const labels = new Set(sigmoid.predictBatch(rows).map((p) => (p as Prediction).label));
    expect(labels).toEqual(new Set(['ham', 'spam'])); // both sides of the threshold occur in these rows
    const regression = load(cases.find((c) => c.name === 'relu-regression')?.saved as SavedModel);
    expect(regression.targetNames).toEqual(['price', 'size']);
    expect(regression.classLabels).toBeUndefined();
  });

  it('a stored threshold moves the label of a one-sigmoid classifier; the declarations say which', () => {
    const base = exportCases().find((c) => c.name === 'relu-binarySigmoid')?.saved as SavedModel;
    const info = JSON.parse(base.extra?.dataset ?? '{}') as Record<string, unknown>;
    const strict: SavedModel = { ...base, extra: { ...base.extra, dataset: JSON.stringify({ ...info, threshold: 0.9 }) } };
    const p1 = reference(base).map((p) => p[0]);
    expect(p1.some((p) => p > 0.5 && p <= 0.9)).toBe(true); // rows whose label the threshold changes
    const labels = (load(strict).predictBatch(rows) as Prediction[]).map((p) => p.label);
    expect(labels).toEqual(p1.map((p) => (p > 0.9 ? 'spam' : 'ham')));
    expect(toPredictModule(strict).declarations).toContain('classLabels[1] when the probability is above 0.9');
    const bad: SavedModel = { ...base, extra: { ...base.extra, dataset: JSON.stringify({ ...info, threshold: 2 }) } };
    expect(() => toPredictModule(bad, { source: 'bad.safetensors' })).toThrow('bad.safetensors: metadata "dataset".threshold is 2; it must be a number in (0, 1)');
  });

  it('rawInputs: predict takes rows already scaled', () => {
    const saved = exportCases().find((c) => c.name === 'tanh-multiclass')?.saved as SavedModel;
    const scaled = Float32Array.from(rows.flat());
    applyScalerInPlace(saved.normalization as unknown as Scaler, scaled, rows.length, 3);
    const raw = load(saved, { rawInputs: true });
    const predictions = raw.predictBatch(rows.map((_, i) => scaled.subarray(3 * i, 3 * i + 3))) as Prediction[];
    expect(predictions.map((p) => p.probabilities)).toEqual(reference(saved));
  });

  it('rejects a wrong length or a non-finite value with a TypeError naming the feature', () => {
    const module = load(exportCases()[0].saved);
    expect(() => module.predict([1, 2])).toThrow(new TypeError('predict: expected 3 features (sepal length, width "cm", x\\3), got 2 values'));
    expect(() => module.predict([1, Number.NaN, 3])).toThrow(new TypeError('predict: feature 1 (width "cm") must be a finite number, got NaN'));
    expect(() => module.predictBatch([[1, 2, 3], [1, 2, '3']])).toThrow(new TypeError('predictBatch: row 1: feature 2 (x\\3) must be a finite number, got 3'));
    expect(() => module.predict(null as never)).toThrow(new TypeError('predict: expected 3 features (sepal length, width "cm", x\\3), got null'));
    expect(() => module.predictBatch(7)).toThrow(new TypeError('predictBatch: expected an array of rows, got 7'));
  });

  it('ESM and CJS differ only in how they export; the declarations type the task', () => {
    const saved = exportCases().find((c) => c.name === 'sigmoid-multiclass')?.saved as SavedModel;
    const esm = toPredictModule(saved, { format: 'esm', source: 'iris.safetensors' });
    expect(esm.code).toMatch(/^\/\/ clearprop predict module: 3-6-4-3 sigmoid\/sigmoid\/softmax, classification, generated from "iris\.safetensors"/);
    expect(esm.code).toContain('export function predict(row)');
    expect(esm.code).not.toMatch(/\bimport\b|\brequire\(|module\.exports/);
    const cjs = toPredictModule(saved, { format: 'cjs' }).code;
    expect(cjs).toContain('module.exports = { featureNames, classLabels, predict, predictBatch };');
    expect(cjs).not.toMatch(/^export /m);
    expect(esm.declarations).toContain(`export declare const classLabels: readonly ["setosa", "it's", "vir\\\\ginica"];`);
    expect(esm.declarations).toContain('export declare function predict(row: ArrayLike<number>): Prediction;');
    const regression = toPredictModule(randomSavedModel({ inputs: 2, layers: [{ units: 2, activation: 'identity' }] }, 1));
    expect(regression.declarations).toContain('export declare function predictBatch(rows: ArrayLike<ArrayLike<number>>): number[][];');
    expect(regression.declarations).toContain('export declare const targetNames: readonly ["y0", "y1"];');
  });
});
