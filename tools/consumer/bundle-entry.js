// Bundled with esbuild --platform=browser by tools/check-install.ts: one use of each root entry.
import { fitStandardizer, xor } from '@clearprop/data';
import { adam, sequential } from '@clearprop/nn';
import { createWasmKernels, matmul, tensor, wasmSimdSupported } from '@clearprop/tensor';
import { buildExperiment, decodeSafetensors, ofType, presetConfig, train } from '@clearprop/training';

const kernels = wasmSimdSupported() ? createWasmKernels() : undefined;
const { spec } = buildExperiment(presetConfig('iris'));
train(spec, kernels ? { kernels } : {}).pipe(ofType('epochEnd')).subscribe((e) => globalThis.postMessage?.(e.trainLoss));
export const used = [fitStandardizer(xor()), adam(0.1), sequential(spec.model), matmul(tensor([1], [1, 1]), tensor([2], [1, 1])), decodeSafetensors];
