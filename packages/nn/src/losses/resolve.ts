import { allocate, assertSameShape, fromData, type Tensor } from '@clearprop/tensor';
import type { Loss } from './loss.ts';
import { LOSS_NAMES, LOSSES, type LossName } from './registry.ts';

/** Looks a loss up by name (own keys of LOSSES only); the error lists the valid names. */
export function resolveLoss(name: LossName | string): Loss {
  const loss = Object.hasOwn(LOSSES, name) ? LOSSES[name as LossName] : undefined;
  if (!loss) throw new RangeError(`unknown loss "${name}"; expected one of ${LOSS_NAMES.join(', ')}`);
  return loss;
}

/** Pure form of a loss: value and gradient for pred and target [batch, outputs]. Throws ShapeError naming both shapes. */
export function lossValueAndGrad(loss: Loss, pred: Tensor, target: Tensor): { readonly value: number; readonly grad: Tensor } {
  assertSameShape(pred.shape, target.shape, `${loss.name}: prediction vs target`);
  const rows = pred.shape[0] ?? 1;
  const cols = pred.data.length / Math.max(rows, 1);
  const grad = allocate(pred.dtype, pred.data.length);
  const out = new Float64Array(1);
  loss.compute(pred.data, target.data, grad, rows, cols, out);
  return { value: out[0], grad: fromData(grad, pred.shape) };
}
