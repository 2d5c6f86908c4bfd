import { clone, createRng, tsKernels, type Tensor } from '@clearprop/tensor';
import { createWorkspace } from '../model/workspace.ts';
import type { Loss } from '../losses/loss.ts';
import type { Model } from '../model/model.ts';
import type { ModelParams } from '../model/params.ts';
import { forwardInto, lossInto } from '../model/workspace.ts';
import { valueAndGrad } from '../model/forward.ts';

/** Gradient-check result for one parameter tensor. */
export interface GradientCheckRow {
  readonly layer: number;
  readonly tensor: 'weight' | 'bias' | 'alpha';
  readonly size: number;
  /**
   * maxᵢ |analyticᵢ − numericᵢ| / max(maxᵢ |analyticᵢ|, maxᵢ |numericᵢ|, floor): the worst element error relative
   * to the tensor's gradient scale. Scaling per element instead would divide float64 round-off (~1e-10 at ε = 1e-6)
   * by gradients that happen to be near zero and report noise as error.
   */
  readonly maxRelativeError: number;
  readonly maxAbsoluteError: number;
}

/** Options for checkModelGradients. */
export interface GradientCheckOptions {
  /** Central-difference step. @defaultValue 1e-6 */
  readonly eps?: number;
  /** Magnitudes below this are compared absolutely (avoids 0/0 on exactly-zero gradients). @defaultValue 1e-7 */
  readonly floor?: number;
  /** Per-row loss weights [batch] (class × sample weights). @defaultValue all 1 */
  readonly weights?: Tensor;
  /**
   * Check the training-mode network with dropout: every evaluation draws its masks from a fresh Rng with this seed,
   * so all of them drop the same units and C(θ) is a smooth function again. @defaultValue undefined: no dropout
   */
  readonly dropoutSeed?: number;
}

/**
 * Compares the analytic backward (BP1–BP4, weight penalties included) against central differences
 * (C(θ+ε) − C(θ−ε)) / 2ε of the objective C = data loss + penalty, all in float64. Params, x, y and the weights are
 * converted to float64 copies; nothing passed in is mutated. Dropout is off unless `dropoutSeed` fixes the masks.
 * Shapes: x [batch, inputs], y [batch, outputs], weights [batch]. Returns one row per parameter tensor.
 */
export function checkModelGradients(model: Model, params: ModelParams, loss: Loss, x: Tensor, y: Tensor, options: GradientCheckOptions = {}): GradientCheckRow[] {
  const { eps = 1e-6, floor = 1e-7, dropoutSeed } = options;
  const p64 = params.map((p) => ({
    weight: clone(p.weight, { dtype: 'float64' }),
    bias: clone(p.bias, { dtype: 'float64' }),
    ...(p.alpha ? { alpha: clone(p.alpha, { dtype: 'float64' }) } : {}),
  }));
  const x64 = clone(x, { dtype: 'float64' });
  const y64 = clone(y, { dtype: 'float64' });
  const w64 = options.weights ? clone(options.weights, { dtype: 'float64' }) : undefined;
  const dropout = () => (dropoutSeed === undefined ? undefined : createRng(dropoutSeed));
  const analytic = valueAndGrad(model, p64, loss, x64, y64, { ...(w64 ? { weights: w64 } : {}), ...(dropoutSeed === undefined ? {} : { dropout: dropout() }) }).grads;
  const rows = x.shape[0];
  const ws = createWorkspace(model, rows, 'float64');
  const cost = (): number => {
    forwardInto(model, p64, ws, rows, tsKernels, x64.data, dropout());
    lossInto(model, p64, loss, ws, rows, y64.data, w64?.data);
    return ws.loss[0] + ws.penalty[0];
  };
  const report: GradientCheckRow[] = [];
  p64.forEach((layer, l) => {
    for (const name of ['weight', 'bias', 'alpha'] as const) {
      const t = layer[name as keyof typeof layer];
      const g = analytic[l][name];
      if (!t || !g) continue;
      let maxAbs = 0;
      let scale = floor;
      for (let i = 0; i < t.data.length; i++) {
        const saved = t.data[i];
        t.data[i] = saved + eps;
        const plus = cost();
        t.data[i] = saved - eps;
        const minus = cost();
        t.data[i] = saved;
        const numeric = (plus - minus) / (2 * eps);
        const diff = Math.abs(numeric - g.data[i]);
        maxAbs = Math.max(maxAbs, diff);
        scale = Math.max(scale, Math.abs(numeric), Math.abs(g.data[i]));
      }
      report.push({ layer: l, tensor: name, size: t.data.length, maxRelativeError: maxAbs / scale, maxAbsoluteError: maxAbs });
    }
  });
  return report;
}
