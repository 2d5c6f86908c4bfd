import type { ModelParams } from '@clearprop/nn';
import type { LayerStats } from '../events.ts';
import type { Engine } from './engine.ts';

const norm = (a: ArrayLike<number>, n: number): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/** Units j of z [rows, units] with z ≤ 0 on every row (dead ReLUs). */
function deadUnits(z: ArrayLike<number>, rows: number, units: number): number {
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let alive = false;
    for (let r = 0; r < rows && !alive; r++) alive = z[r * units + j] > 0;
    if (!alive) dead += 1;
  }
  return dead;
}

/** Elements of a [n] outside [low, high]. */
export function countSaturated(a: ArrayLike<number>, n: number, range: { readonly low: number; readonly high: number }): number {
  let saturated = 0;
  for (let i = 0; i < n; i++) if (a[i] < range.low || a[i] > range.high) saturated += 1;
  return saturated;
}

/**
 * Gradient-side statistics after backward, before the update: ‖δˡ‖, ‖∂C/∂Wˡ‖, ‖Wˡ‖, dead and saturated fractions
 * (from each activation's traits: `deadBelowZero` and the `saturation` range). `updateRatio` is filled in by
 * `withUpdateRatios` once the update is known.
 */
export function gradientStats(engine: Engine, rows: number): LayerStats[] {
  const { model, ws, params } = engine;
  return params.map((p, l) => {
    const units = model.widths[l + 1];
    const { name, traits } = model.activations[l];
    const dead = traits.deadBelowZero ? deadUnits(ws.z[l], rows, units) : 0;
    const saturated = traits.saturation ? countSaturated(ws.a[l], rows * units, traits.saturation) : 0;
    return {
      layer: l,
      activation: name,
      deltaNorm: norm(ws.delta[l], rows * units),
      gradNorm: norm(ws.grads[l].weight.data, p.weight.data.length),
      weightNorm: norm(p.weight.data, p.weight.data.length),
      updateRatio: 0,
      deadFraction: dead / units,
      saturatedFraction: saturated / Math.max(rows * units, 1),
    };
  });
}

/** Completes stats with ‖ΔWˡ‖/‖Wˡ‖ from the updates now held in ws.grads. */
export function withUpdateRatios(stats: LayerStats[], updates: ModelParams): LayerStats[] {
  return stats.map((s, l) => ({ ...s, updateRatio: s.weightNorm > 0 ? norm(updates[l].weight.data, updates[l].weight.data.length) / s.weightNorm : 0 }));
}
