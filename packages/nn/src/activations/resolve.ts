import type { ActivationSpec } from '../model/spec.ts';
import type { Activation } from './activation.ts';
import { ACTIVATION_NAMES, activationRecord, ACTIVATIONS, type ActivationName } from './registry.ts';

/** Thrown for an activation spec that names no known activation or carries a bad option. */
export class ActivationSpecError extends Error {
  override readonly name = 'ActivationSpecError';
}

/** Turns a spec (`'relu'` or `{ name: 'leakyRelu', alpha: 0.5 }`) into one layer's Activation, built from its record. */
export function resolveActivation(spec: ActivationSpec): Activation {
  const name: string = typeof spec === 'string' ? spec : spec.name;
  const given = typeof spec === 'string' ? undefined : spec.alpha;
  const record = activationRecord(name);
  if (record === undefined) throw new ActivationSpecError(`unknown activation "${name}"; expected one of ${ACTIVATION_NAMES.join(', ')}`);
  const { traits } = record;
  if (given !== undefined && traits.alpha === undefined) {
    throw new ActivationSpecError(`activation "${name}" takes no alpha (only ${listing(ACTIVATION_NAMES.filter((n) => ACTIVATIONS[n].traits.alpha))} do)`);
  }
  if (given !== undefined && !Number.isFinite(given)) throw new ActivationSpecError(`activation "${name}": alpha must be a finite number, got ${given}`);
  const alpha = traits.alpha === undefined ? undefined : given ?? traits.alpha.default;
  const { forward, backward } = record.kernel(alpha);
  return { name: name as ActivationName, alpha, learnsAlpha: traits.alpha?.learned ?? false, traits, forward, backward, emitter: record.emitter(alpha), onnx: record.onnx(alpha) };
}

/** `a`, `a and b`, `a, b and c`. */
function listing(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
