import fc from 'fast-check';
import { expectTypedOutcome, fuzzTarget, mutatedBytes, type FuzzTarget } from '@clearprop/data/testing';
import { sequential, type ModelParams, type ModelSpec } from '@clearprop/nn';
import { createRng, size, tensor, type Tensor } from '@clearprop/tensor';
import { validateCheckpoint } from '../files/checkpoint-validation.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../files/checkpoint.ts';
import { ModelFileError } from '../files/model-file-error.ts';
import { modelFromSafetensors, modelToSafetensors, type SavedModel } from '../files/model-file.ts';
import { decodeNpy, encodeNpy } from '../files/npy.ts';
import { decodeNpz, modelToNpz } from '../files/npz.ts';
import { decodeSafetensors, encodeSafetensors } from '../files/safetensors.ts';
import { buildOptimizer } from '../optimizer.ts';
import type { OptimizerConfig } from '../spec.ts';
import { mutatedJsonText } from './json-mutation.ts';
import { craftZip } from './zip.ts';

const NPZ_LIMIT = 256 * 1024;
const activation = fc.constantFrom('tanh', 'relu', 'identity', 'prelu', 'sigmoid') as fc.Arbitrary<'tanh' | 'relu' | 'identity' | 'prelu' | 'sigmoid'>;

/** A small random architecture (inputs 1–4, 1–3 layers of 1–5 units), softmax only on the output if at all. */
const specArbitrary: fc.Arbitrary<ModelSpec> = fc.record({
  inputs: fc.integer({ min: 1, max: 4 }),
  hidden: fc.array(fc.record({ units: fc.integer({ min: 1, max: 5 }), activation }), { maxLength: 2 }),
  outputs: fc.integer({ min: 1, max: 3 }),
  softmax: fc.boolean(),
}).map(({ inputs, hidden, outputs, softmax }) => ({ inputs, layers: [...hidden, { units: outputs, activation: softmax ? 'softmax' as const : 'identity' as const }] }));

const modelArbitrary: fc.Arbitrary<SavedModel> = fc.tuple(specArbitrary, fc.integer({ min: 1, max: 1000 })).map(([spec, seed]) => {
  const params: ModelParams = sequential(spec).init(createRng(seed));
  const outputs = spec.layers[spec.layers.length - 1].units;
  const features = Array.from({ length: spec.inputs }, (_, i) => `f${i}`);
  const classification = spec.layers[spec.layers.length - 1].activation === 'softmax';
  const dataset = classification
    ? { task: 'classification', featureNames: features, targetNames: ['label'], classLabels: Array.from({ length: outputs }, (_, i) => `c${i}`) }
    : { task: 'regression', featureNames: features, targetNames: Array.from({ length: outputs }, (_, i) => `y${i}`), classLabels: [] };
  return {
    spec, params,
    normalization: { kind: 'standardize', mean: Array(spec.inputs).fill(0.5), std: Array(spec.inputs).fill(2) },
    trainingConfig: { loss: 'meanSquaredError' },
    extra: { dataset: JSON.stringify(dataset) },
  };
});

/** Valid safetensors bytes with one metadata value replaced by a mutation of its JSON. */
function metadataMutation(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const keys = Object.keys(metadata);
  return fc.constantFrom(...keys).chain((key) => mutatedJsonText(metadata[key]).map((text) => encodeSafetensors(tensors, { ...metadata, [key]: text })));
}

/** Valid bytes from `make`, then either damaged bytes or (for safetensors) a damaged metadata value. */
function hostileFiles(valid: fc.Arbitrary<Uint8Array>, metadata: boolean): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 3, arbitrary: mutatedBytes(valid) },
    { weight: metadata ? 3 : 0, arbitrary: valid.chain(metadataMutation) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  );
}

const tensorBytes = (tensors: Iterable<Tensor>): number => [...tensors].reduce((n, t) => n + t.data.byteLength, 0);

function checkModel(model: SavedModel, inputBytes: number): void {
  const layers = sequential(model.spec).widths.length - 1;
  if (model.params.length !== layers) throw new Error('params do not match the spec');
  const tensors = model.params.flatMap((p) => Object.values(p) as Tensor[]);
  if (!tensors.every((t) => t.data.length === size(t.shape) && t.data.every(Number.isFinite))) throw new Error('bad tensor in a loaded model');
  // float64 files round to float32, so the weights never take more memory than the file.
  if (tensorBytes(tensors) > inputBytes) throw new Error('weights larger than the file');
}

const checkpointOptimizers: readonly OptimizerConfig[] = [{ name: 'adam', lr: 0.01 }, { name: 'sgd', lr: 0.1, momentum: 0.9 }, { name: 'sgd', lr: 0.1 }];

/** A checkpoint as train() writes one (fresh optimizer state, a consistent trainer state), for the checkpoint targets. */
const checkpointCase = fc.tuple(modelArbitrary, fc.nat(checkpointOptimizers.length - 1)).map(([model, o]) => {
  const optimizer = checkpointOptimizers[o];
  const optimizerState = buildOptimizer(optimizer, 1, () => 1).transform.init(model.params);
  const bytes = encodeCheckpoint({ model, optimizerState, rngState: [1, 2, 3, 4], epoch: 2, step: 0, trainerState: { batchIndex: 0, lrMultiplier: 1, epochLossSum: 0, epochRows: 0 } });
  return { bytes, expected: { model: model.spec, optimizer, batchSize: 4, batchesPerEpoch: 3, rowsPerEpoch: 10 } };
});

/** The file readers of @clearprop/training: any bytes give a ModelFileError (short, clean) or a valid, bounded result. */
export const fileFuzzTargets: readonly FuzzTarget<unknown>[] = [
  fuzzTarget({
    name: 'safetensors: model reader',
    arbitrary: hostileFiles(modelArbitrary.map(modelToSafetensors), true),
    check: (bytes: Uint8Array) => expectTypedOutcome(() => modelFromSafetensors(bytes, { source: 'fuzz.safetensors' }), [ModelFileError], (m) => checkModel(m, bytes.length)),
  }),
  fuzzTarget({
    name: 'safetensors: tensors-only file with a given spec',
    arbitrary: fc.tuple(modelArbitrary).chain(([m]) => hostileFiles(fc.constant(encodeSafetensors(decodeSafetensors(modelToSafetensors(m)).tensors)), false).map((bytes) => ({ bytes, spec: m.spec }))),
    check: ({ bytes, spec }: { bytes: Uint8Array; spec: ModelSpec }) => expectTypedOutcome(() => modelFromSafetensors(bytes, { spec, source: 'f' }), [ModelFileError], (m) => checkModel(m, bytes.length)),
  }),
  fuzzTarget({
    name: 'npy: array reader',
    arbitrary: hostileFiles(fc.tuple(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }), fc.boolean()).map(([shape, wide]) => encodeNpy(tensor(new Float64Array(size(shape)).map((_, i) => i / 3), shape, { dtype: wide ? 'float64' : 'float32' }))), false),
    check: (bytes: Uint8Array) => expectTypedOutcome(() => decodeNpy(bytes, { source: 'fuzz.npy' }), [ModelFileError], (t) => {
      if (t.data.length !== size(t.shape) || t.data.byteLength > bytes.length) throw new Error('array does not fit its bytes');
    }),
  }),
  fuzzTarget({
    name: 'npz: archive reader (declared sizes, CRC, limit)',
    arbitrary: fc.oneof(
      hostileFiles(fc.tuple(modelArbitrary, fc.boolean()).map(([m, compress]) => modelToNpz(m, { compress })), false),
      fc.record({ declaredSize: fc.oneof(fc.nat(400), fc.constantFrom(2 ** 32, 2 ** 31, NPZ_LIMIT + 1)), crc32: fc.option(fc.nat(), { nil: undefined }), deflate: fc.boolean(), pad: fc.nat(5000) })
        .map(({ declaredSize, crc32, deflate, pad }) => {
          const data = new Uint8Array(pad + 140);
          data.set(encodeNpy(tensor([1, 2, 3], [3])));
          return craftZip([{ name: 'W0.npy', data, deflate, declaredSize, ...(crc32 === undefined ? {} : { crc32 }) }]);
        }),
    ),
    check: (bytes: Uint8Array) => expectTypedOutcome(() => decodeNpz(bytes, { source: 'fuzz.npz', maxBytes: NPZ_LIMIT }), [ModelFileError], (arrays) => {
      if (tensorBytes(Object.values(arrays)) > NPZ_LIMIT) throw new Error('arrays beyond maxBytes');
    }),
  }),
  fuzzTarget({
    name: 'checkpoint: decode and validate against the run',
    arbitrary: checkpointCase.chain(({ bytes, expected }) => hostileFiles(fc.constant(bytes), true).map((file) => ({ file, expected }))),
    check: ({ file, expected }: { file: Uint8Array; expected: Parameters<typeof validateCheckpoint>[1] }) =>
      expectTypedOutcome(() => {
        const checkpoint = decodeCheckpoint(file, 'fuzz.ckpt');
        validateCheckpoint(checkpoint, { ...expected, source: 'fuzz.ckpt' });
        return checkpoint;
      }, [ModelFileError], (c) => checkModel(c.model, file.length)),
  }),
];
