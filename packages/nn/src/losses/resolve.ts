import { allocate, assertSameShape, fromData, type Tensor } from '@clearprop/tensor';
import { LOSS_SLOT_COUNT, LOSS_SLOTS, type Loss } from './loss.ts';
import { LOSS_NAMES, LOSSES, type LossName } from './registry.ts';

/** Looks a loss up by name (own keys of LOSSES only); the error lists the valid names. */
export function resolveLoss(name: LossName | string): Loss {
  const loss = Object.hasOwn(LOSSES, name) ? LOSSES[name as LossName] : undefined;
  if (!loss) throw new RangeError(`unknown loss "${name}"; expected one of ${LOSS_NAMES.join(', ')}`);
  return loss;
}

/**
 * Pure form of a loss: value and gradient for pred and target [batch, outputs], optionally with per-row weights
 * [batch] (a weighted mean; `unweighted` is the plain mean beside it). Throws ShapeError naming both shapes.
 */
export function lossValueAndGrad(loss: Loss, pred: Tensor, target: Tensor, weights?: Tensor): { readonly value: number; readonly unweighted: number; readonly grad: Tensor } {
  assertSameShape(pred.shape, target.shape, `${loss.name}: prediction vs target`);
  const rows = pred.shape[0] ?? 1;
  if (weights !== undefined) assertSameShape(weights.shape, [rows], `${loss.name}: weights vs batch`);
  const cols = pred.data.length / Math.max(rows, 1);
  const grad = allocate(pred.dtype, pred.data.length);
  const out = new Float64Array(LOSS_SLOT_COUNT);
  loss.compute(pred.data, target.data, grad, rows, cols, out, weights?.data);
  return { value: out[LOSS_SLOTS.mean], unweighted: out[LOSS_SLOTS.unweighted], grad: fromData(grad, pred.shape) };
}
