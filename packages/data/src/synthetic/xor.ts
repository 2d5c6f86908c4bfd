import type { Rng } from '@clearprop/tensor';
import type { Dataset } from '../dataset.ts';
import { fromLabels } from '../labels.ts';

/** Options for noisy XOR clouds. */
export interface XorOptions {
  readonly rng: Rng;
  /** Standard deviation of the Gaussian jitter around each corner. @defaultValue 0.1 */
  readonly noise?: number;
}

const CORNERS = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 0],
] as const;

/**
 * The XOR problem as two-class classification (label = a ⊕ b), one-hot targets. Shapes: x [n, 2], y [n, 2].
 * `xor()` is the exact truth table (4 rows). `xor(n, { rng })` draws n points cycling through the corners
 * (row i at corner i mod 4) plus N(0, noise²) jitter, so the classes differ in size by at most one.
 */
export function xor(): Dataset;
export function xor(n: number, options: XorOptions): Dataset;
export function xor(n?: number, options?: XorOptions): Dataset {
  const count = n ?? 4;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`xor: n must be an integer ≥ 0, got ${n}`);
  const noise = options?.noise ?? 0.1;
  const jitter = (): number => (options ? noise * options.rng.normal() : 0);
  const x = new Float32Array(count * 2);
  const classIndices = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const [a, b, label] = CORNERS[i % 4];
    x[2 * i] = a + jitter();
    x[2 * i + 1] = b + jitter();
    classIndices[i] = label;
  }
  return fromLabels(x, classIndices, { name: 'xor', features: 2, classes: 2, featureNames: ['a', 'b'] });
}
