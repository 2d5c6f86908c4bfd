import { describe, expect, it } from '@jest/globals';
import { createRng } from '../../random.ts';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';
import { moduleTiles, PROBE_SHAPE, probeTiles, type GemmTile } from './gemm-tiles.ts';
import { decodeBase64, instantiate } from './wasm-api.ts';
import { createWasmKernels } from './wasm-kernels.ts';

const exports = instantiate(decodeBase64(GEMM_WASM_BASE64));
const tiles = moduleTiles(exports);
const kc = (exports.kc as { readonly value: number }).value;
const fr = Math.fround;

/**
 * The summation order every tile promises, in float32 (Math.fround after each double operation is exactly the
 * float32 operation, as double holds more than twice float32's precision): k is cut into equal depth blocks of
 * at most kc; within a block c(i, j) is summed over p in order from 0, and the blocks are added to c in order.
 */
function referenceOrder(a: Float32Array, b: Float32Array, m: number, k: number, n: number, form: 'ab' | 'abt' | 'atb'): Float32Array {
  const out = new Float32Array(m * n);
  const blocks = Math.ceil(k / kc);
  const step = Math.ceil(k / blocks);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let start = 0; start < k; start += step) {
        let acc = 0;
        for (let p = start; p < Math.min(k, start + step); p++) {
          const av = form === 'atb' ? a[p * m + i] : a[i * k + p];
          const bv = form === 'abt' ? b[j * k + p] : b[p * n + j];
          acc = fr(acc + fr(av * bv));
        }
        c = start === 0 ? acc : fr(c + acc);
      }
      out[i * n + j] = c;
    }
  }
  return out;
}

// Around every tile's edges (m mod mr, n mod nr, both SIMD-transpose groups of 4 in the packers), across the
// depth blocks (k = 385, 784, 800) and the column block (n = 2401 > nc).
const shapes: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [2, 3, 5], [3, 7, 9], [4, 4, 4], [5, 8, 8], [6, 17, 17], [9, 31, 15], [11, 12, 25], [16, 33, 16],
  [21, 5, 33], [24, 64, 48], [37, 385, 23], [10, 784, 12], [41, 800, 7], [131, 40, 50], [3, 20, 2401],
];

describe('GEMM register tiles', () => {
  it('are exported with consistent blocking', () => {
    expect(tiles.map((t) => t.name)).toEqual(['4x12', '5x8', '2x16']);
    for (const { mr, nr, mc, nc } of tiles) {
      expect(nr % 4).toBe(0);
      expect(mc % mr).toBe(0);
      expect(nc % nr).toBe(0);
    }
  });

  describe.each(tiles.map((t) => [t.name]))('tile %s', (name) => {
    const kernels = createWasmKernels({ minWork: 1, tile: name });
    it.each(shapes)('sums in the reference order bit for bit, m=%i k=%i n=%i', (m, k, n) => {
      const rng = createRng(m * 7919 + k * 104729 + n);
      const a = Float32Array.from({ length: m * k }, () => rng.normal());
      const b = Float32Array.from({ length: k * n }, () => rng.normal());
      for (const [form, kernel] of [['ab', kernels.matmul], ['abt', kernels.matmulTransB], ['atb', kernels.matmulTransA]] as const) {
        const out = new Float32Array(m * n).fill(Number.NaN);
        kernel(a, b, out, m, k, n);
        expect(Buffer.from(out.buffer).equals(Buffer.from(referenceOrder(a, b, m, k, n, form).buffer))).toBe(true);
      }
    });
    it('reports itself as the tile in use', () => {
      expect(kernels.tile()).toBe(name);
    });
  });

  it('rejects an unknown tile, naming the known ones', () => {
    expect(() => createWasmKernels({ tile: '3x3' })).toThrow(/unknown tile "3x3"; expected one of 4x12, 5x8, 2x16/);
  });

  it('probes by default and keeps the choice for the process', () => {
    const first = createWasmKernels({ minWork: 1 });
    expect(tiles.map((t) => t.name)).toContain(first.tile());
    expect(createWasmKernels().tile()).toBe(first.tile());
  });
});

describe('probeTiles', () => {
  // A fake clock that advances by each tile's cost per call: no real timing, so the outcome is certain.
  function fakeProbe(costs: Readonly<Record<string, number>>, slowFirstCalls = 0): { chosen: GemmTile; calls: Record<string, number> } {
    let time = 0;
    const calls: Record<string, number> = {};
    const chosen = probeTiles(tiles, (tile) => {
      calls[tile.name] = (calls[tile.name] ?? 0) + 1;
      // Before a tile has "tiered up" its calls cost 4× (V8's baseline code).
      time += costs[tile.name] * (calls[tile.name] <= slowFirstCalls ? 4 : 1);
    }, () => time);
    return { chosen, calls };
  }

  it('picks the tile with the cheapest probe product', () => {
    expect(fakeProbe({ '4x12': 3, '5x8': 2, '2x16': 2.5 }).chosen.name).toBe('5x8');
    expect(fakeProbe({ '4x12': 1, '5x8': 2, '2x16': 2.5 }).chosen.name).toBe('4x12');
  });

  it('times each tile only after its warm-up calls, so baseline code does not decide', () => {
    // 2x16 is cheapest once warm but slowest for its first 40 calls; the warm-up covers them.
    const { chosen, calls } = fakeProbe({ '4x12': 3, '5x8': 2, '2x16': 0.6 }, 40);
    expect(chosen.name).toBe('2x16');
    expect(Math.min(...Object.values(calls))).toBeGreaterThan(40);
  });

  it('returns the only tile without timing it', () => {
    let calls = 0;
    expect(probeTiles(tiles.slice(0, 1), () => calls++, () => 0)).toBe(tiles[0]);
    expect(calls).toBe(0);
  });

  it('stops at its time cap even when the timings never settle', () => {
    let time = 0;
    let cost = 1;
    // Every call is cheaper than the last: no round is ever "stable".
    probeTiles(tiles, () => { time += cost; cost *= 0.97; }, () => time);
    expect(time).toBeLessThan(1000);
  });

  it('probes a product every tile covers with little waste', () => {
    const [m, , n] = PROBE_SHAPE;
    for (const { mr, nr } of tiles) expect((Math.ceil(m / mr) * mr * Math.ceil(n / nr) * nr) / (m * n)).toBeLessThan(1.05);
  });
});
