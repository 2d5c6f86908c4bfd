import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../random.ts';
import { describeKernelSet } from '../../testing/kernel-conformance.ts';
import { createWasmKernels } from './threaded-wasm-kernels.ts';
import type { WasmKernelSet } from './wasm-kernel-set.ts';

type MatmulShape = readonly [number, number, number];
const forms = ['matmul', 'matmulTransB', 'matmulTransA'] as const;

// parallelMinWork 1: every product with more than one output panel is split between this thread and the worker.
const threaded = createWasmKernels({ threads: 2, minWork: 1, parallelMinWork: 1 });
const single = createWasmKernels({ minWork: 1 });
beforeAll(() => threaded.ready, 10_000);
afterAll(() => threaded.dispose());

// The conformance shapes, plus split ones: over n (n ≥ m), over m (m > n), cut panels, k crossing the depth blocks.
describeKernelSet(threaded, [[2, 3, 2413], [67, 45, 73], [131, 100, 50], [257, 300, 400], [301, 785, 97], [13, 300, 500], [1000, 7, 25]]);

function operands([m, k, n]: MatmulShape, seed: number): [Float32Array, Float32Array] {
  const rng = createRng(seed);
  return [Float32Array.from({ length: m * k }, () => rng.normal()), Float32Array.from({ length: k * n }, () => rng.normal())];
}

/** Whether two lists of results are byte-identical (Jest's toEqual walks Buffers element by element: too slow). */
const identical = (x: readonly Buffer[], y: readonly Buffer[]): boolean => x.length === y.length && x.every((bytes, i) => bytes.equals(y[i]));

/** Bytes of each form's result, from `kernels`. */
function results(kernels: WasmKernelSet, shape: MatmulShape, seed: number): Buffer[] {
  const [m, k, n] = shape;
  const [a, b] = operands(shape, seed);
  return forms.map((form) => {
    const out = new Float32Array(m * n).fill(Number.NaN);
    kernels[form](a, b, out, m, k, n);
    return Buffer.from(out.buffer);
  });
}

describe('createWasmKernels({ threads: 2 })', () => {
  it('starts its worker', () => {
    expect(threaded.threads).toBe(2);
  });

  it.each<MatmulShape>([[1024, 1024, 1024], [128, 784, 256], [784, 128, 256], [1000, 64, 999], [13, 1000, 700], [97, 33, 1031], [1031, 17, 9]])(
    'equals the 1-thread kernels bit for bit with the worker taking part: m=%i k=%i n=%i',
    (m, k, n) => {
      const before = threaded.workerChunks();
      // Repeat until the worker has claimed panels of this shape (it normally does on the first call).
      for (let round = 0; round < 20 && threaded.workerChunks() === before; round++) {
        expect(identical(results(threaded, [m, k, n], round), results(single, [m, k, n], round))).toBe(true);
      }
      expect(threaded.workerChunks()).toBeGreaterThan(before);
    },
    60_000,
  );

  it('keeps products below parallelMinWork on the calling thread', () => {
    const kernels = createWasmKernels({ threads: 2, parallelMinWork: 64 * 64 * 64 + 1 });
    try {
      results(kernels, [64, 64, 64], 1);
      expect(kernels.workerChunks()).toBe(0);
    } finally {
      kernels.dispose();
    }
  });

  it('computes large products before its worker is up, and after dispose, without waiting for it', () => {
    const kernels = createWasmKernels({ threads: 2, parallelMinWork: 1 });
    const expected = results(single, [300, 200, 500], 5);
    try {
      // Synchronously right after creation: the worker cannot have started, so this thread does every panel.
      expect(identical(results(kernels, [300, 200, 500], 5), expected)).toBe(true);
      kernels.dispose();
      expect(kernels.threads).toBe(1);
      expect(identical(results(kernels, [300, 200, 500], 5), expected)).toBe(true);
    } finally {
      kernels.dispose();
    }
  });

  it('alternates with small products and memory growth without mixing results', async () => {
    const kernels = createWasmKernels({ threads: 2, minWork: 1, parallelMinWork: 1 });
    try {
      await kernels.ready;
      for (const [round, shape] of ([[40, 30, 50], [600, 300, 700], [5, 5, 5], [700, 400, 900], [48, 1, 48], [600, 300, 700]] as const).entries()) {
        expect(identical(results(kernels, shape, round), results(single, shape, round))).toBe(true);
      }
      expect(kernels.workerChunks()).toBeGreaterThan(0);
    } finally {
      kernels.dispose();
    }
  }, 30_000);

  it('does not keep the process alive without dispose()', () => {
    const root = fileURLToPath(new URL('../../../../../', import.meta.url));
    const module = JSON.stringify(new URL('./threaded-wasm-kernels.ts', import.meta.url).href);
    const script = `
      const { createWasmKernels } = await import(${module});
      const kernels = createWasmKernels({ threads: 2 });
      await kernels.ready;
      const n = 256;
      const out = new Float32Array(n * n);
      kernels.matmul(new Float32Array(n * n).fill(1), new Float32Array(n * n).fill(2), out, n, n, n);
      globalThis.keep = kernels; // reachable to the end: the FinalizationRegistry cannot be what stops the worker
      console.log(\`\${kernels.threads} \${kernels.workerChunks() >= 0} \${out[0]}\`); // one string: no colours
      const end = performance.now();
      process.on('exit', () => console.log(\`exit after \${Math.round(performance.now() - end)} ms\`));`;
    const result = spawnSync(process.execPath, ['--conditions=@clearprop/source', '--import', 'tsx', '--input-type=module', '-e', script], {
      // Without the colour variables: Node warns on stderr when a runner (Nx) sets FORCE_COLOR beside NO_COLOR.
      cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: undefined, NO_COLOR: undefined }, timeout: 30_000,
    });
    expect(result.error).toBeUndefined(); // a timeout (process kept alive) shows up here
    expect(result.stderr).toBe('');
    const [line, exit] = result.stdout.trim().split('\n');
    expect(line).toBe('2 true 512');
    expect(Number(/exit after (\d+) ms/.exec(exit)?.[1])).toBeLessThan(2000); // nothing left holding the event loop
    expect(result.status).toBe(0);
  }, 40_000);
});

describe("createWasmKernels({ threads: 'auto' })", () => {
  // 'auto' is 1 thread on a 1-CPU machine; the worker path below needs the 2 CPUs CI and the dev box have.
  const cpus = availableParallelism();

  it('is one thread where the process has a single CPU', () => {
    const kernels = createWasmKernels({ threads: 'auto', parallelMinWork: 1 });
    expect(kernels.threads).toBe(cpus >= 2 ? 2 : 1);
    kernels.dispose();
  });

  it('starts no worker for products below parallelMinWork, one at the first larger product, and then shares the work bit-identically', async () => {
    const kernels = createWasmKernels({ threads: 'auto', parallelMinWork: 64 * 64 * 64 + 1 });
    try {
      const before = kernels.ready;
      expect(kernels.threads).toBe(2); // this machine has 2 CPUs and worker_threads
      for (let i = 0; i < 20; i++) results(kernels, [32, 64, 64], i);
      expect(kernels.ready).toBe(before); // no worker was started
      const expected = results(single, [300, 200, 500], 3);
      expect(identical(results(kernels, [300, 200, 500], 3), expected)).toBe(true);
      expect(kernels.ready).not.toBe(before);
      await kernels.ready;
      for (let round = 0; round < 20 && kernels.workerChunks() === 0; round++) {
        expect(identical(results(kernels, [300, 200, 500], 3), expected)).toBe(true);
      }
      expect(kernels.workerChunks()).toBeGreaterThan(0);
    } finally {
      kernels.dispose();
    }
    expect(kernels.threads).toBe(1);
  }, 30_000);

  it('never starts a worker once disposed', () => {
    const kernels = createWasmKernels({ threads: 'auto', parallelMinWork: 1 });
    const before = kernels.ready;
    kernels.dispose();
    expect(kernels.threads).toBe(1);
    results(kernels, [300, 200, 500], 4);
    expect(kernels.ready).toBe(before);
    expect(kernels.workerChunks()).toBe(0);
  });
});
