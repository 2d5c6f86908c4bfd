// The four root entries as a browser (or any non-Node) TypeScript project sees them: no @types/node, no DOM.
import { xor } from '@clearprop/data';
import { sequential } from '@clearprop/nn';
import { createWasmKernels, tsKernels, wasmSimdSupported } from '@clearprop/tensor';
import { ofType, train, type TrainingEvent } from '@clearprop/training';
import { lastValueFrom } from 'rxjs';

const kernels = wasmSimdSupported() ? createWasmKernels() : tsKernels;
const model = sequential({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }] });
const end: TrainingEvent = await lastValueFrom(
  train({ model: model.spec, loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.05 }, train: xor(), epochs: 5, batchSize: 4, seed: 1 }, { kernels })
    .pipe(ofType('runEnd')),
);
export const reason = end.type === 'runEnd' ? end.reason : undefined;
