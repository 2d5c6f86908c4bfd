#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Benchmarks the three matmul forms (a·b, a·bᵀ, aᵀ·b) of the TS and WASM SIMD kernel sets in GFLOP/s.
// Usage: ./tools/bench-gemm.ts [--wasm-only] [--tiles] [m k n ...]   (default shapes: 1024³, 128×784×256, training sizes)
//   --tiles measures every register tile of the WASM GEMM (the default set uses the one its probe picks, printed).
// Each figure is the median of 5 samples after a warm-up; small shapes repeat calls until a sample takes ≥ 20 ms.
// Samples are timed in CPU time (process.cpuUsage), which a machine shared with other jobs distorts far less than
// wall clock (1 thread: the process's CPU time is the kernel's, give or take V8's helper threads).
import { createRng, createWasmKernels, tsKernels, type KernelSet, type MatmulKernel } from '@clearprop/tensor';
import { toolArgs, UsageError } from './tool-args.ts';

const { wasmOnly, shapes, allTiles } = toolArgs({
  name: 'bench-gemm',
  usage: 'usage: ./tools/bench-gemm.ts [--wasm-only] [--tiles] [m k n ...] [-h | --help]',
  help: `GFLOP/s of a·b, a·bᵀ and aᵀ·b for the TS and WASM SIMD kernel sets (median of 5 CPU-time samples after a warm-up).
  m k n ...     shapes as triples of positive integers (default: 1024³, 128×784×256 and training sizes)
  --wasm-only   skip the TS kernels
  --tiles       measure every register tile of the WASM GEMM (by default the one the probe picks)`,
  options: { 'wasm-only': { type: 'boolean' }, tiles: { type: 'boolean' } },
  positionals: true,
}, ({ values, positionals }) => {
  const numbers = positionals.map(Number);
  if (numbers.length % 3 !== 0 || !numbers.every((n) => Number.isInteger(n) && n > 0)) {
    throw new UsageError(`shapes are triples of positive integers m k n, got "${positionals.join(' ')}"`);
  }
  const triples: (readonly [number, number, number])[] = Array.from({ length: numbers.length / 3 }, (_, i) => [numbers[3 * i], numbers[3 * i + 1], numbers[3 * i + 2]] as const);
  return { wasmOnly: values['wasm-only'] === true, allTiles: values.tiles === true, shapes: triples };
});
if (shapes.length === 0) shapes.push([1024, 1024, 1024], [128, 784, 256], [32, 784, 128], [128, 256, 784], [5, 784, 128], [16, 16, 16], [8, 8, 8]);

const probed = createWasmKernels();
console.log(`WASM tile picked by the probe on this machine: ${probed.tile()}`);
const tiles = ['4x12', '5x8', '2x16'].map((tile) => ({ ...createWasmKernels({ tile }), name: `wasm ${tile}` }));
const wasmSets: readonly KernelSet[] = allTiles ? tiles : [{ ...probed, name: `wasm ${probed.tile()}` }];
const sets: readonly KernelSet[] = wasmOnly ? wasmSets : [tsKernels, ...wasmSets];
const rng = createRng(1);
const random = (length: number): Float32Array => Float32Array.from({ length }, () => rng.normal());

function gflops(kernel: MatmulKernel, m: number, k: number, n: number): number {
  const a = random(m * k);
  const b = random(k * n);
  const out = new Float32Array(m * n);
  const cpuMs = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const t0 = cpuMs();
  kernel(a, b, out, m, k, n);
  const once = Math.max(cpuMs() - t0, 1e-3);
  const reps = Math.max(1, Math.ceil(20 / once));
  for (let r = 0; r < reps; r++) kernel(a, b, out, m, k, n);
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const start = cpuMs();
    for (let r = 0; r < reps; r++) kernel(a, b, out, m, k, n);
    samples.push((cpuMs() - start) / reps);
  }
  samples.sort((x, y) => x - y);
  return (2 * m * k * n) / (samples[2] * 1e6);
}

console.log(`shape (m×k×n)      set        a·b    a·bᵀ    aᵀ·b   GFLOP/s`);
for (const [m, k, n] of shapes) {
  for (const set of sets) {
    const rates = [set.matmul, set.matmulTransB, set.matmulTransA].map((kernel) => gflops(kernel, m, k, n));
    console.log(`${`${m}×${k}×${n}`.padEnd(18)} ${set.name.padEnd(9)} ${rates.map((rate) => rate.toFixed(2).padStart(7)).join(' ')}`);
  }
}
