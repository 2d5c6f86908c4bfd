export { expectClose, type CloseOptions } from './expect-close.ts';
export { randomTensor } from './random-tensor.ts';
export { describeKernelSet, naiveMatmul, CONFORMANCE_SHAPES } from './kernel-conformance.ts';
