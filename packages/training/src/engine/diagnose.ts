import type { TrainingEvent } from '../events.ts';
import type { Engine } from './engine.ts';
import { countSaturated } from './layer-stats.ts';

type Diagnosis = Pick<Extract<TrainingEvent, { type: 'divergence' }>, 'layer' | 'cause' | 'message'>;

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
  let maxInput = 0;
  for (let i = 0; i < rows * model.inputs; i++) maxInput = Math.max(maxInput, Math.abs(ws.input[i]));
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
