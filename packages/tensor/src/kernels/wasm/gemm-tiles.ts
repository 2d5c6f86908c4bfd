import type { WasmGlobal } from './wasm-api.ts';

/** c[m×n] = op(A)·op(B) on byte offsets into the module's memory, row strides in elements (see tools/gen-wasm-kernels.ts). */
export type Gemm = (transA: number, transB: number, m: number, k: number, n: number, a: number, lda: number, b: number, ldb: number,
  c: number, ldc: number, packA: number, packB: number, scratch: number) => void;

/**
 * One register tile of the GEMM module: its driver and blocking, read from the module's exports (`gemm_5x8`,
 * `mc_5x8`, `nc_5x8`). Every tile sums each element of C in the same order (p ascending within each depth block of
 * the shared `kc`, the blocks added in order), so all tiles give bit-identical results; only the speed differs.
 */
export interface GemmTile {
  /** `${mr}x${nr}`, e.g. '5x8'. */
  readonly name: string;
  readonly mr: number;
  readonly nr: number;
  readonly mc: number;
  readonly nc: number;
  readonly gemm: Gemm;
}

/** The tiles a GEMM module exports, in export order. */
export function moduleTiles(exports: Readonly<Record<string, unknown>>): GemmTile[] {
  const value = (name: string): number => (exports[name] as WasmGlobal).value;
  return Object.keys(exports).flatMap((key) => {
    const match = /^gemm_(\d+)x(\d+)$/.exec(key);
    if (match === null) return [];
    const name = `${match[1]}x${match[2]}`;
    return [{ name, mr: Number(match[1]), nr: Number(match[2]), mc: value(`mc_${name}`), nc: value(`nc_${name}`), gemm: exports[key] as Gemm }];
  });
}

/** The probe product, m × k × n: every tile divides it (nearly) evenly, and the micro-kernel dominates packing. */
export const PROBE_SHAPE = [64, 192, 96] as const;

// V8 runs a wasm function in its baseline tier (Liftoff, ~4× slower here) until it has done enough work, then
// switches to optimized code compiled in the background: on Node 20 after about 4·10⁷ multiply-adds. Timing
// before that would compare baseline code, so each tile first does more than that. The tier-up is per process.
const WARM_CALLS = 48;
// Then rounds over all tiles (interleaved, so a busy moment hits them alike), each tile's best of two calls,
// until no tile got faster for a few rounds (a late tier-up shows as a drop), within a time cap.
const MIN_ROUNDS = 5;
const STABLE_ROUNDS = 3;
const MAX_PROBE_MS = 150;

/**
 * Returns the tile that runs the probe product fastest. `run(tile)` computes PROBE_SHAPE with that tile on
 * operands already in memory; `now` is the clock (milliseconds). Costs ~20–40 ms of runtime once per process.
 */
export function probeTiles(tiles: readonly GemmTile[], run: (tile: GemmTile) => void, now: () => number): GemmTile {
  if (tiles.length === 1) return tiles[0];
  for (const tile of tiles) for (let i = 0; i < WARM_CALLS; i++) run(tile);
  const best = tiles.map(() => Infinity);
  const start = now();
  for (let round = 0, stable = 0; round < MIN_ROUNDS || stable < STABLE_ROUNDS; round++) {
    let improved = false;
    tiles.forEach((tile, i) => {
      const t0 = now();
      run(tile);
      run(tile);
      const time = now() - t0;
      if (time < best[i] * 0.98) improved ||= best[i] !== Infinity;
      best[i] = Math.min(best[i], time);
    });
    stable = improved ? 0 : stable + 1;
    if (now() - start > MAX_PROBE_MS) break;
  }
  return tiles[best.indexOf(Math.min(...best))];
}
