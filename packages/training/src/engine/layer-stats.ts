import type { ModelParams } from '@clearprop/nn';
import type { LayerStats } from '../events.ts';
import type { Engine } from './engine.ts';

const norm = (a: ArrayLike<number>, n: number): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/**
 * Gradient-side statistics after backward, before the update: ‖δˡ‖, ‖∂C/∂Wˡ‖, ‖Wˡ‖, dead and saturated fractions.
 * `updateRatio` is filled in by `withUpdateRatios` once the update is known.
 */
export function gradientStats(engine: Engine, rows: number): LayerStats[] {
  const { model, ws, params } = engine;
  return params.map((p, l) => {
    const units = model.widths[l + 1];
    const activation = model.activations[l].name;
    const a = ws.a[l];
    let dead = 0;
    if (activation === 'relu' || activation === 'leakyRelu' || activation === 'prelu') {
      for (let j = 0; j < units; j++) {
        let alive = false;
        for (let r = 0; r < rows && !alive; r++) alive = ws.z[l][r * units + j] > 0;
        if (!alive) dead += 1;
      }
    }
    let saturated = 0;
    if (activation === 'sigmoid' || activation === 'tanh') {
      const low = activation === 'sigmoid' ? 0.01 : -0.99;
      for (let i = 0; i < rows * units; i++) if (a[i] < low || a[i] > 0.99) saturated += 1;
    }
    return {
      layer: l,
      activation,
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
