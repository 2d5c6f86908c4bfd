import type { Model } from '@clearprop/nn';

/** Size limits a run checks before allocating anything for its model. */
export interface ModelLimits {
  /** The widest layer. @defaultValue DEFAULT_MAX_UNITS */
  readonly maxUnits?: number;
  /** All weights, biases and learned alphas together. @defaultValue DEFAULT_MAX_PARAMETERS */
  readonly maxParameters?: number;
}

/**
 * Default units per layer: a batch's activations take batch × units × 4 bytes per buffer, so one typo'd width
 * (1e7) must not decide the process's memory.
 */
export const DEFAULT_MAX_UNITS = 100_000;
/** Default parameter count: 10 M float32 parameters are 40 MB, and a run keeps about six copies (grads, Adam, rollback, best). */
export const DEFAULT_MAX_PARAMETERS = 10_000_000;

/**
 * Throws a message naming the field (`model.layers[0].units is 1000000, over the limit of 100000 units per
 * layer; raise model.maxUnits to allow it`) when the model is over a limit; `fail` makes the error.
 */
export function checkModelLimits(model: Model, limits: ModelLimits | undefined, fail: (message: string) => Error): void {
  const maxUnits = limits?.maxUnits ?? DEFAULT_MAX_UNITS;
  const maxParameters = limits?.maxParameters ?? DEFAULT_MAX_PARAMETERS;
  model.widths.slice(1).forEach((units, i) => {
    if (units > maxUnits) throw fail(`model.layers[${i}].units is ${units}, over the limit of ${maxUnits} units per layer; raise model.maxUnits to allow it`);
  });
  if (model.parameterCount > maxParameters) {
    throw fail(`the model has ${model.parameterCount} parameters, over the limit of ${maxParameters}; raise model.maxParameters (or --max-parameters) to allow it`);
  }
}
