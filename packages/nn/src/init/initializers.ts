import type { Rng } from '@clearprop/tensor';
import { ACTIVATIONS, type ActivationName } from '../activations/registry.ts';
import type { InitializerName } from '../model/spec.ts';

/** Every built-in initializer name. */
export const INITIALIZER_NAMES: readonly InitializerName[] = ['normal', 'glorotUniform', 'glorotNormal', 'heNormal', 'heUniform'];

/**
 * Fills a weight matrix [out, in] (and tells whether the bias is random too).
 * normal: N(0,1) for W and b (the seed's np.random.randn); glorotUniform: U(±√(6/(in+out)));
 * glorotNormal: N(0, 2/(in+out)); heNormal: N(0, 2/in); heUniform: U(±√(6/in)). Biases start at 0 except for normal.
 * @see Glorot & Bengio 2010; He et al. 2015
 */
export function initWeights(name: InitializerName, rng: Rng, weight: Float32Array | Float64Array, inFeatures: number, outFeatures: number): void {
  const uniform = (limit: number) => () => (2 * rng.next() - 1) * limit;
  const normal = (std: number) => () => rng.normal() * std;
  const draw =
    name === 'normal' ? normal(1)
    : name === 'glorotUniform' ? uniform(Math.sqrt(6 / (inFeatures + outFeatures)))
    : name === 'glorotNormal' ? normal(Math.sqrt(2 / (inFeatures + outFeatures)))
    : name === 'heNormal' ? normal(Math.sqrt(2 / inFeatures))
    : name === 'heUniform' ? uniform(Math.sqrt(6 / inFeatures))
    : undefined;
  if (!draw) throw new RangeError(`unknown initializer "${String(name)}"; expected one of ${INITIALIZER_NAMES.join(', ')}`);
  for (let i = 0; i < weight.length; i++) weight[i] = draw();
}

/** The default initializer for an activation, its record's `defaultInit` trait (He for the ReLU family, Glorot otherwise). */
export function defaultInitializer(activation: ActivationName): InitializerName {
  return ACTIVATIONS[activation].traits.defaultInit;
}
