import { describe, expect, it } from '@jest/globals';
import { applyScalerInPlace, type Scaler } from '@clearprop/data';
import { predict, sequential } from '@clearprop/nn';
import { fromData } from '@clearprop/tensor';
import { expectClose } from '@clearprop/tensor/testing';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-web';
import { exportCases, exportRows, randomSavedModel } from '../testing/index.ts';
import type { SavedModel } from '../files/model-file.ts';
import { toOnnx } from './onnx.ts';

const { onnx } = onnxProto;
// One WASM thread: the machine's two cores are shared with the other test projects.
ort.env.wasm.numThreads = 1;

const rows = exportRows(16);

/** clearprop's predict on rows scaled as the CLI scales them (float32 features, then the saved scaler). */
function reference(saved: SavedModel, scaled = true): Float32Array {
  const x = Float32Array.from(rows.flat());
  if (scaled && saved.normalization) applyScalerInPlace(saved.normalization as unknown as Scaler, x, rows.length, saved.spec.inputs);
  return predict(sequential(saved.spec), saved.params, fromData(x, [rows.length, saved.spec.inputs])).data as Float32Array;
}

async function runOnnx(bytes: Uint8Array, input: Float32Array, features: number): Promise<{ readonly name: string; readonly data: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ input: new ort.Tensor('float32', input, [input.length / features, features]) });
  const [name] = session.outputNames;
  await session.release();
  return { name, data: result[name].data as Float32Array };
}

// |onnx − clearprop| ≤ 1e-5·|clearprop| + 1e-6. The absolute term is needed for probabilities in a sigmoid's tail:
// ONNX Runtime's Sigmoid is accurate to ~1e-7 absolute, not relative (measured: 2.533e-6 where float64 gives 2.501e-6).
const ORT_TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

describe('toOnnx', () => {
  it.each(exportCases().map((c) => [c.name, c] as const))('%s: ONNX Runtime agrees with predict (rtol 1e-5, atol 1e-6)', async (_name, { saved, task }) => {
    const { name, data } = await runOnnx(toOnnx(saved), Float32Array.from(rows.flat()), 3);
    expect(name).toBe(task === 'regression' ? 'output' : 'probabilities');
    const expected = reference(saved);
    expectClose(data, expected, ORT_TOLERANCE);
  });

  it('writes the graph the issue describes: Sub/Div, Gemm(transB=1) + activation per layer, dynamic batch', () => {
    const saved = exportCases().find((c) => c.name === 'prelu-multiclass')?.saved as SavedModel;
    const decoded = onnx.ModelProto.decode(toOnnx(saved));
    expect(decoded.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(Number(decoded.irVersion)).toBe(8);
    const graph = decoded.graph as onnxProto.onnx.GraphProto;
    expect(graph.node.map((n) => n.opType)).toEqual(['Sub', 'Div', 'Gemm', 'PRelu', 'Gemm', 'PRelu', 'Gemm', 'Softmax']);
    for (const gemm of graph.node.filter((n) => n.opType === 'Gemm')) expect(gemm.attribute?.map((a) => [a.name, Number(a.i)])).toEqual([['transB', 1]]);
    expect(graph.node[7].attribute?.map((a) => [a.name, Number(a.i)])).toEqual([['axis', -1]]);
    const dims = (info: onnxProto.onnx.IValueInfoProto) => info.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue));
    expect([graph.input[0].name, dims(graph.input[0])]).toEqual(['input', ['batch', 3]]);
    expect([graph.output[0].name, dims(graph.output[0])]).toEqual(['probabilities', ['batch', 3]]);
    // PyTorch layout and the learned slopes, exactly.
    const weight = graph.initializer.find((t) => t.name === 'layers.0.weight') as onnxProto.onnx.TensorProto;
    expect(weight.dims.map(Number)).toEqual([6, 3]);
    const slopes = graph.initializer.find((t) => t.name === 'layers.1.alpha') as onnxProto.onnx.TensorProto;
    expect(Array.from(new Float32Array(Uint8Array.from(slopes.rawData).buffer))).toEqual(Array.from(saved.params[1].alpha?.data ?? []));
  });

  it('puts labels, feature names, the spec, normalization and training config in metadata_props', () => {
    const saved = exportCases().find((c) => c.name === 'leakyRelu-multiclass')?.saved as SavedModel;
    const graph = onnx.ModelProto.decode(toOnnx(saved));
    const metadata = Object.fromEntries(graph.metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(metadata.class_labels)).toEqual(['setosa', "it's", 'vir\\ginica']);
    expect(JSON.parse(metadata.feature_names)).toEqual(['sepal length', 'width "cm"', 'x\\3']);
    expect(JSON.parse(metadata.model_spec)).toEqual(saved.spec);
    expect(JSON.parse(metadata.normalization)).toEqual(saved.normalization);
    expect(JSON.parse(metadata.training_config)).toEqual(saved.trainingConfig);
    expect(metadata.task).toBe('classification');
    expect(metadata.input_normalization).toMatch(/^in the graph: x′ = \(x − mean\) \/ std/);
    const leaky = (graph.graph as onnxProto.onnx.GraphProto).node.find((n) => n.opType === 'LeakyRelu');
    expect(leaky?.attribute?.[0].f).toBeCloseTo(0.3, 7);
  });

  it('a one-sigmoid classifier carries its decision threshold in the metadata (0.5 unless the model says otherwise)', () => {
    const saved = exportCases().find((c) => c.name === 'tanh-binarySigmoid')?.saved as SavedModel;
    const metadataOf = (model: SavedModel) => Object.fromEntries(onnx.ModelProto.decode(toOnnx(model)).metadataProps.map((p) => [p.key, p.value]));
    expect(metadataOf(saved)).toMatchObject({ threshold: '0.5', output: '[batch, 1]: the probability of class "spam"; the label is "spam" above 0.5, else "ham"' });
    const info = JSON.parse(saved.extra?.dataset ?? '{}') as Record<string, unknown>;
    const strict = metadataOf({ ...saved, extra: { ...saved.extra, dataset: JSON.stringify({ ...info, threshold: 0.8 }) } });
    expect(strict).toMatchObject({ threshold: '0.8', output: '[batch, 1]: the probability of class "spam"; the label is "spam" above 0.8, else "ham"' });
    expect(metadataOf(exportCases().find((c) => c.name === 'tanh-multiclass')?.saved as SavedModel).threshold).toBeUndefined();
  });

  it('--raw-inputs: no Sub/Div, the normalization documented in the metadata; runs on pre-scaled inputs', async () => {
    const saved = exportCases().find((c) => c.name === 'tanh-regression')?.saved as SavedModel;
    const bytes = toOnnx(saved, { rawInputs: true });
    const decoded = onnx.ModelProto.decode(bytes);
    expect((decoded.graph as onnxProto.onnx.GraphProto).node.map((n) => n.opType)).toEqual(['Gemm', 'Tanh', 'Gemm', 'Tanh', 'Gemm', 'Tanh']);
    const metadata = Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]));
    expect(metadata.input_normalization).toMatch(/^not in the graph: scale the inputs first: x′ = \(x − mean\) \/ std/);
    expect(JSON.parse(metadata.normalization)).toEqual(saved.normalization);
    expect(JSON.parse(metadata.target_names)).toEqual(['price', 'size']);
    const x = Float32Array.from(rows.flat());
    applyScalerInPlace(saved.normalization as unknown as Scaler, x, rows.length, 3);
    const { data } = await runOnnx(bytes, x, 3);
    expectClose(data, reference(saved), ORT_TOLERANCE);
  });

  it('a model without metadata (PyTorch-written): softmax output → probabilities with index labels, no normalization', () => {
    const saved = randomSavedModel({ inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 4, activation: 'softmax' }] }, 3);
    const decoded = onnx.ModelProto.decode(toOnnx(saved));
    const metadata = Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(metadata.class_labels)).toEqual(['0', '1', '2', '3']);
    expect(JSON.parse(metadata.feature_names)).toEqual(['x0', 'x1']);
    expect(metadata.input_normalization).toBe('none');
    expect(metadata.training_config).toBeUndefined();
    expect((decoded.graph as onnxProto.onnx.GraphProto).output[0].name).toBe('probabilities');
  });

  it('names the file for unusable metadata and rejects params that do not fit the spec', () => {
    const saved = randomSavedModel({ inputs: 2, layers: [{ units: 1, activation: 'identity' }] }, 4);
    expect(() => toOnnx({ ...saved, normalization: { kind: 'robust', center: [0, 0] } }, { source: 'm.safetensors' }))
      .toThrow('m.safetensors: normalization kind "robust" cannot be exported (expected "standardize" or "minMax")');
    expect(() => toOnnx({ ...saved, normalization: { kind: 'standardize', mean: [0], std: [1] } }, { source: 'm.safetensors' }))
      .toThrow('m.safetensors: normalization.mean must list 2 finite numbers (one per input)');
    expect(() => toOnnx({ ...saved, extra: { dataset: '{"task": "regression", "featureNames": ["a"]}' } }, { source: 'm.safetensors' }))
      .toThrow('m.safetensors: metadata "dataset" lists 1 featureNames, the model has 2');
    expect(() => toOnnx({ ...saved, extra: { dataset: '{oops' } }, { source: 'm.safetensors' })).toThrow(/^m\.safetensors: metadata "dataset" is not valid JSON/);
    expect(() => toOnnx({ ...saved, params: [{ ...saved.params[0], weight: saved.params[1 - 1].bias }] })).toThrow(/shape|\[1\]/i);
  });
});
