import type { ActivationName, ActivationSpec } from '../model/spec.ts';
import type { Activation } from './activation.ts';
import { identity, leakyRelu, relu, sigmoid, tanh } from './elementwise-activations.ts';
import { prelu } from './prelu.ts';
import { softmax } from './softmax.ts';

/** Every built-in activation name, in documentation order. */
export const ACTIVATION_NAMES: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'prelu', 'softmax', 'identity'];

/** Thrown for an activation spec that names no known activation or carries a bad option. */
export class ActivationSpecError extends Error {
  override readonly name = 'ActivationSpecError';
}

/** Turns a spec (`'relu'` or `{ name: 'leakyRelu', alpha: 0.5 }`) into an Activation. */
export function resolveActivation(spec: ActivationSpec): Activation {
  const name = typeof spec === 'string' ? spec : spec.name;
  const alpha = typeof spec === 'string' ? undefined : spec.alpha;
  if (alpha !== undefined && name !== 'leakyRelu' && name !== 'prelu') {
    throw new ActivationSpecError(`activation "${name}" takes no alpha (only leakyRelu and prelu do)`);
  }
  switch (name) {
    case 'sigmoid': return sigmoid();
    case 'tanh': return tanh();
    case 'relu': return relu();
    case 'leakyRelu': return leakyRelu(alpha);
    case 'prelu': return prelu(alpha);
    case 'softmax': return softmax();
    case 'identity': return identity();
    default:
      throw new ActivationSpecError(`unknown activation "${String(name)}"; expected one of ${ACTIVATION_NAMES.join(', ')}`);
  }
}
