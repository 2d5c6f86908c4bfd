import type { ActivationRecord } from './activation.ts';
import { gelu } from './gelu.ts';
import { identity } from './identity.ts';
import { leakyRelu } from './leaky-relu.ts';
import { prelu } from './prelu.ts';
import { relu } from './relu.ts';
import { sigmoid } from './sigmoid.ts';
import { softmax } from './softmax.ts';
import { tanh } from './tanh.ts';

/**
 * Every built-in activation by name, in documentation order: the one place names meet records. Spec types, the
 * config schema, model-file validation and error messages all derive from it. Frozen: nothing registers at run time.
 * Adding one is a record file, its line here and a row in activations.test.ts (README, "Adding an activation").
 */
export const ACTIVATIONS = Object.freeze({
  sigmoid,
  tanh,
  relu,
  leakyRelu,
  prelu,
  gelu,
  softmax,
  identity,
} satisfies Readonly<Record<string, ActivationRecord>>);

/** Names of the built-in activations. */
export type ActivationName = keyof typeof ACTIVATIONS;

/** Every built-in activation name, in documentation order. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as readonly ActivationName[];

/** The record of a built-in activation, or undefined for any other string (inherited keys included). */
export function activationRecord(name: string): ActivationRecord | undefined {
  return Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name as ActivationName] : undefined;
}
