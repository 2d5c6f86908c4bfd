import type { TrainingEvent } from '../events.ts';
import type { Engine } from './engine.ts';
import { countSaturated } from './layer-stats.ts';

/** What a divergence report says besides its position: the layer, the likely cause and a one-line message. */
export type Diagnosis = Pick<Extract<TrainingEvent, { type: 'divergence' }>, 'layer' | 'cause' | 'message'>;

const largestInput = ({ model, ws }: Engine, rows: number): number => {
  let largest = 0;
  for (let i = 0; i < rows * model.inputs; i++) largest = Math.max(largest, Math.abs(ws.input[i]));
  return largest;
};

const firstNonFinite = (a: ArrayLike<number>, n: number): boolean => {
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i])) return true;
  return false;
};

/**
 * Says where a non-finite loss came from and the likely cause: the first layer whose z, a or gradient is not
 * finite; unscaled inputs when |x| is large, saturation when most outputs of the saturating layers (sigmoid, tanh:
 * those whose activation has a `saturation` trait) sit outside its range, otherwise a learning rate too high.
 */
export function diagnoseDivergence(engine: Engine, rows: number, learningRate: number): Diagnosis {
  const { model, ws, params } = engine;
  let layer: number | null = null;
  for (let l = 0; l < params.length && layer === null; l++) {
    const units = model.widths[l + 1];
    if (firstNonFinite(params[l].weight.data, params[l].weight.data.length) || firstNonFinite(ws.z[l], rows * units) || firstNonFinite(ws.grads[l].weight.data, ws.grads[l].weight.data.length)) layer = l;
  }
  const maxInput = largestInput(engine, rows);
  const where = layer === null ? 'the loss' : `layer ${layer} (${model.activations[layer].name})`;
  if (maxInput > 100) {
    return { layer, cause: 'unscaledInputs', message: `non-finite values first in ${where}; inputs reach |x| = ${maxInput.toPrecision(3)}: standardize the features` };
  }
  let saturated = 0;
  let bounded = 0;
  const kinds = new Set<string>();
  model.activations.forEach(({ name, traits }, l) => {
    if (traits.saturation === undefined) return;
    const n = rows * model.widths[l + 1];
    bounded += n;
    saturated += countSaturated(ws.a[l], n, traits.saturation);
    kinds.add(name);
  });
  if (bounded > 0 && saturated / bounded > 0.9) {
    return { layer, cause: 'saturation', message: `non-finite values first in ${where}; ${Math.round((100 * saturated) / bounded)}% of ${[...kinds].join('/')} units are saturated` };
  }
  return { layer, cause: 'learningRateTooHigh', message: `non-finite values first in ${where} at learning rate ${learningRate}: lower it or clip gradients` };
}

/** The blow-up guard's numbers, for its message. */
export interface BlowUp {
  readonly learningRate: number;
  /** The run's first batch loss (the reference). */
  readonly first: number;
  readonly factor: number;
  readonly batches: number;
}

/**
 * Says why a finite loss raced off (stayed above factor × the first batch loss for `batches` batches): unscaled
 * inputs when |x| is large, otherwise a learning rate too high. `layer` is null: no value is non-finite yet.
 */
export function diagnoseBlowUp(engine: Engine, rows: number, b: BlowUp): Diagnosis {
  const factor = b.factor >= 1e4 ? b.factor.toExponential().replace('e+', 'e') : String(b.factor);
  const what = `the loss stayed above ${factor}× its first value (${b.first.toPrecision(3)}) for ${b.batches} batches in a row`;
  const maxInput = largestInput(engine, rows);
  if (maxInput > 100) return { layer: null, cause: 'unscaledInputs', message: `${what}; inputs reach |x| = ${maxInput.toPrecision(3)}: standardize the features` };
  return { layer: null, cause: 'learningRateTooHigh', message: `${what} at learning rate ${b.learningRate}: lower it or clip gradients` };
}
