import type { Dataset } from '../dataset.ts';
import { sampleFunction } from './sample-function.ts';

/**
 * The seed project's regression set: y = sin(x) on x_i = −5π + 0.1·i, i = 0…314 (315 points, −5π ≤ x < 5π).
 * Shapes: x [315, 1], y [315, 1]. Deterministic; no rng.
 * @example
 * const ds = sinDataset();
 * expect(ds.length).toBe(315);
 */
export function sinDataset(): Dataset {
  return sampleFunction(Math.sin, { from: -5 * Math.PI, to: 5 * Math.PI, step: 0.1, name: 'sin' });
}
