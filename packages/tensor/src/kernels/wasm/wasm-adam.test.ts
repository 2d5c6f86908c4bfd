import { describe, expect, it } from '@jest/globals';
import { createRng } from '../../random.ts';
import { createWasmAdamKernel } from './wasm-adam.ts';

const fr = Math.fround;

/** adam.wat's arithmetic, operation by operation in float32 (fround after each double op is the f32 op). */
function float32Model(g: Float32Array, mu: Float32Array, nu: Float32Array, s: Float64Array): void {
  const [b1, b2, eps, inverse1, inverse2] = [fr(s[0]), fr(s[1]), fr(s[2]), fr(s[3]), fr(s[4])];
  const [a1, a2] = [fr(1 - s[0]), fr(1 - s[1])];
  for (let i = 0; i < g.length; i++) {
    const gi = g[i];
    mu[i] = fr(fr(b1 * mu[i]) + fr(a1 * gi));
    nu[i] = fr(fr(b2 * nu[i]) + fr(fr(a2 * gi) * gi));
    const u = fr(fr(mu[i] * inverse1) / fr(fr(Math.sqrt(fr(nu[i] * inverse2))) + eps));
    g[i] = fr(u * s[5]);
  }
}

function leaves(n: number, seed: number): [Float32Array, Float32Array, Float32Array] {
  const rng = createRng(seed);
  // Gradients over many magnitudes, some exact zeros; moments as a few steps of training leave them.
  const g = Float32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : rng.normal() * 10 ** Math.floor(rng.next() * 6 - 4)));
  const mu = Float32Array.from(g, (x) => 0.5 * x + 1e-4 * rng.normal());
  const nu = Float32Array.from(g, (x) => x * x * (0.5 + rng.next()));
  return [g, mu, nu];
}

const scalars = (step: number, factor: number): Float64Array =>
  Float64Array.of(0.9, 0.999, 1e-8, 1 / (1 - 0.9 ** step), 1 / (1 - 0.999 ** step), factor);

describe('createWasmAdamKernel', () => {
  const kernel = createWasmAdamKernel();

  it.each([1, 3, 4, 7, 64, 4096, 10_001])('computes the float32 arithmetic of adam.wat bit for bit, n = %i', (n) => {
    for (const [step, factor] of [[1, 1], [7, -1e-3], [1000, -0.0123]] as const) {
      const [g, mu, nu] = leaves(n, n + step);
      const [g2, mu2, nu2] = [g.slice(), mu.slice(), nu.slice()];
      kernel(g, mu, nu, scalars(step, factor));
      float32Model(g2, mu2, nu2, scalars(step, factor));
      for (const [x, y] of [[g, g2], [mu, mu2], [nu, nu2]]) expect(Buffer.from(x.buffer).equals(Buffer.from(y.buffer))).toBe(true);
    }
  });

  // Against float64 arithmetic the float32 kernel is correctly rounded per operation: each moment within 3 ulps of
  // the larger of its two terms (a difference of near-equal terms can lose more relative to the result itself,
  // as in any float32 Adam, PyTorch's included), and the update within 4 ulps of the float64 formula evaluated on
  // the kernel's own stored moments.
  it('stays within the documented ulp bounds of float64 arithmetic', () => {
    const [g, mu, nu] = leaves(20_000, 5);
    const [g0, mu0, nu0] = [g.slice(), mu.slice(), nu.slice()];
    const s = scalars(3, -1e-3);
    kernel(g, mu, nu, s);
    const ulp = (x: number): number => Math.max(Math.abs(x) * 2 ** -23, 2 ** -149);
    const worst = { mu: 0, nu: 0, g: 0 };
    for (let i = 0; i < g.length; i++) {
      const [m1, m2] = [s[0] * mu0[i], (1 - s[0]) * g0[i]];
      const [v1, v2] = [s[1] * nu0[i], (1 - s[1]) * g0[i] * g0[i]];
      worst.mu = Math.max(worst.mu, Math.abs(mu[i] - (m1 + m2)) / ulp(Math.max(Math.abs(m1), Math.abs(m2))));
      worst.nu = Math.max(worst.nu, Math.abs(nu[i] - (v1 + v2)) / ulp(Math.max(v1, v2)));
      const update = Math.fround(((mu[i] * s[3]) / (Math.sqrt(nu[i] * s[4]) + s[2])) * s[5]);
      worst.g = Math.max(worst.g, Math.abs(g[i] - update) / ulp(update));
    }
    expect(worst.mu).toBeLessThanOrEqual(3);
    expect(worst.nu).toBeLessThanOrEqual(3);
    expect(worst.g).toBeLessThanOrEqual(4);
  });

  it('with params, also adds the stored update to them in float32, bit for bit', () => {
    for (const n of [1, 6, 4099]) {
      const [g, mu, nu] = leaves(n, 3 * n);
      const params = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
      const [g2, mu2, nu2, params2] = [g.slice(), mu.slice(), nu.slice(), params.slice()];
      kernel(g, mu, nu, scalars(4, -0.01), params);
      float32Model(g2, mu2, nu2, scalars(4, -0.01));
      for (let i = 0; i < n; i++) params2[i] += g2[i];
      for (const [x, y] of [[g, g2], [mu, mu2], [nu, nu2], [params, params2]]) expect(Buffer.from(x.buffer).equals(Buffer.from(y.buffer))).toBe(true);
    }
  });

  it('keeps working after its memory grows, and between leaves of different lengths', () => {
    for (const n of [10, 300_000, 10, 17]) {
      const [g, mu, nu] = leaves(n, n);
      const [g2, mu2, nu2] = [g.slice(), mu.slice(), nu.slice()];
      kernel(g, mu, nu, scalars(2, -0.5));
      float32Model(g2, mu2, nu2, scalars(2, -0.5));
      expect(Buffer.from(g.buffer).equals(Buffer.from(g2.buffer))).toBe(true);
    }
  });
});
