import type { Rng } from '@clearprop/tensor';
import type { Dataset } from '../dataset.ts';
import { fromLabels } from '../labels.ts';

/** Options for `spirals`. */
export interface SpiralsOptions {
  readonly rng: Rng;
  /** Number of arms (classes), an integer ≥ 1. @defaultValue 3 */
  readonly classes?: number;
  /** Standard deviation of the Gaussian noise added to the angle. @defaultValue 0.2 */
  readonly noise?: number;
}

/**
 * Interleaved spiral arms, one class per arm (the CS231n toy set). Shapes: x [n, 2], y [n, classes].
 * Arm j, point k of m: r = k/(m − 1), θ = 4j + 4r + N(0, noise²), x = (r·sin θ, r·cos θ).
 * Class sizes differ by at most one; rows are grouped by class (shuffle before splitting).
 * @see https://cs231n.github.io/neural-networks-case-study/
 */
export function spirals(n: number, options: SpiralsOptions): Dataset {
  const classes = options.classes ?? 3;
  const noise = options.noise ?? 0.2;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`spirals: n must be an integer ≥ 0, got ${n}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`spirals: classes must be an integer ≥ 1, got ${classes}`);
  const x = new Float32Array(n * 2);
  const classIndices = new Int32Array(n);
  let row = 0;
  for (let j = 0; j < classes; j++) {
    const m = Math.floor(n / classes) + (j < n % classes ? 1 : 0);
    for (let k = 0; k < m; k++, row++) {
      const r = m > 1 ? k / (m - 1) : 0;
      const theta = 4 * j + 4 * r + noise * options.rng.normal();
      x[2 * row] = r * Math.sin(theta);
      x[2 * row + 1] = r * Math.cos(theta);
      classIndices[row] = j;
    }
  }
  return fromLabels(x, classIndices, { name: 'spirals', features: 2, classes, featureNames: ['x0', 'x1'] });
}
