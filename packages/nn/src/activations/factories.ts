import type { Activation } from './activation.ts';
import { resolveActivation } from './resolve.ts';

// Factories for code that builds activations directly (tests, custom models); each is resolveActivation of its
// name. An activation without a factory here is reached by name through resolveActivation.

/** Logistic sigmoid (see sigmoid.ts). */
export const sigmoid = (): Activation => resolveActivation('sigmoid');
/** Hyperbolic tangent (see tanh.ts). */
export const tanh = (): Activation => resolveActivation('tanh');
/** Rectified linear unit (see relu.ts). */
export const relu = (): Activation => resolveActivation('relu');
/** Leaky ReLU with a fixed slope. @defaultValue alpha 0.01 */
export const leakyRelu = (alpha?: number): Activation => resolveActivation(alpha === undefined ? 'leakyRelu' : { name: 'leakyRelu', alpha });
/** Parametric ReLU, slopes learned per unit from `initialAlpha`. @defaultValue initialAlpha 0.25 */
export const prelu = (initialAlpha?: number): Activation => resolveActivation(initialAlpha === undefined ? 'prelu' : { name: 'prelu', alpha: initialAlpha });
/** Row-wise softmax (see softmax.ts). */
export const softmax = (): Activation => resolveActivation('softmax');
/** Identity (see identity.ts). */
export const identity = (): Activation => resolveActivation('identity');
