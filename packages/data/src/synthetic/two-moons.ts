import type { Rng } from '@clearprop/tensor';
import type { Dataset } from '../dataset.ts';
import { fromLabels } from '../labels.ts';

/** Options for `twoMoons`. */
export interface TwoMoonsOptions {
  readonly rng: Rng;
  /** Standard deviation of the Gaussian noise added to each coordinate. @defaultValue 0.1 */
  readonly noise?: number;
}

/**
 * Two interleaving half circles, two classes (as scikit-learn's make_moons). Shapes: x [n, 2], y [n, 2].
 * Class 0: (cos t, sin t); class 1: (1 − cos t, 0.5 − sin t); t evenly spaced in [0, π]; then N(0, noise²) noise.
 * Class 0 gets ⌊n/2⌋ rows, class 1 the rest; rows are grouped by class (shuffle before splitting).
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_moons.html
 */
export function twoMoons(n: number, options: TwoMoonsOptions): Dataset {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`twoMoons: n must be an integer ≥ 0, got ${n}`);
  const { rng } = options;
  const noise = options.noise ?? 0.1;
  const outer = Math.floor(n / 2);
  const x = new Float32Array(n * 2);
  const classIndices = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i < outer ? 0 : 1;
    const m = label === 0 ? outer : n - outer;
    const k = label === 0 ? i : i - outer;
    const t = m > 1 ? (Math.PI * k) / (m - 1) : 0;
    x[2 * i] = (label === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.normal();
    x[2 * i + 1] = (label === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.normal();
    classIndices[i] = label;
  }
  return fromLabels(x, classIndices, { name: 'two-moons', features: 2, classes: 2, featureNames: ['x0', 'x1'] });
}
