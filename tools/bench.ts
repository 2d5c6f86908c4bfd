#!/usr/bin/env -S node --import tsx
// Benchmarks clearprop against the peers of issue #6: W1 seed-sin, W2 mlp-784, W3 sgemm, W4 digits, and memory.
// Usage: ./tools/bench.ts [--quick] [--json out.jsonl] [--only w1,w2,w3,w4,memory] [--runs 5]
//   memory includes csv-rss: one epoch on a generated 50 MB CSV (2 MB with --quick), loaded streaming.
//   (or `npx nx run training:bench -- --quick`). W1/W2/W4 time the product path, train() with batchEvents off,
//   subscribe → runEnd; each figure is the median of --runs timed runs after warm-up (three for W1, one otherwise). Memory runs in children.
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, tap } from 'rxjs';
import { dataset, oneHot } from '@clearprop/data';
import { buildExperiment, createEngine, defaultKernels, engineStep, ofType, presetConfig, train, type RunOptions, type TrainingEvent, type TrainSpec } from '@clearprop/training';
import { createRng, createWasmKernels, type MatmulKernel } from '@clearprop/tensor';
import { resolveLoss, sequential } from '@clearprop/nn';
import { buildOptimizer } from '@clearprop/training';

type Line = Record<string, string | number>;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const runs = quick ? 1 : Math.max(1, Number(flag('--runs') ?? 5));
const only = new Set((flag('--only') ?? 'w1,w2,w3,w4,memory').split(','));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `warmups` untimed runs, then the median of `runs` timings (seconds) of `f`; `f` returns an extra metric to keep. */
async function timed(f: () => Promise<number | void>, warmups = 1): Promise<{ seconds: number; extra: number }> {
  for (let w = 0; w < (quick ? 1 : warmups); w++) await f();
  const seconds: number[] = [];
  let extra = NaN;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    extra = (await f()) ?? NaN;
    seconds.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(seconds), extra };
}

/** Runs a spec through train() with batchEvents off; resolves with the runEnd event. */
function run(spec: TrainSpec, options: RunOptions = {}): Promise<Extract<TrainingEvent, { type: 'runEnd' }>> {
  return lastValueFrom(train(spec, { batchEvents: false, ...options }).pipe(ofType('runEnd')));
}

function w1Spec(epochs = quick ? 5 : 500): TrainSpec {
  const spec = buildExperiment(presetConfig('seed-code2')).spec;
  return { ...spec, epochs };
}

/** W2 data: `n` rows of 784 uniform [0, 1) "pixels" with uniformly random labels of 10 classes (seed 1). */
function w2Data(n: number) {
  const rng = createRng(1);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const labels = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 10));
  return dataset({ x, y: oneHot(labels, 10), features: 784, targets: 10, task: 'classification', name: 'random-784' });
}

function w2Spec(n = quick ? 512 : 60_000): TrainSpec {
  return {
    name: 'mlp-784',
    model: { inputs: 784, layers: [{ units: 256, activation: 'relu' }, { units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy',
    optimizer: { name: 'sgd', lr: 0.01 },
    train: w2Data(n),
    epochs: 1,
    batchSize: 128,
    seed: 1,
  };
}

function w4Spec(): TrainSpec {
  const spec = buildExperiment(presetConfig('digits')).spec;
  return quick ? { ...spec, epochs: 2 } : spec;
}

/** The raw engine loop on W1 (no train(), no shuffling, no events): a lower bound, labelled as such. */
function w1EngineLoop(steps: number): number {
  const spec = w1Spec();
  const model = sequential(spec.model);
  const engine = createEngine({
    model, loss: resolveLoss(spec.loss), kernels: defaultKernels(), params: model.init(createRng(1)), capacity: 5,
    optimizer: buildOptimizer(spec.optimizer, steps, () => 1).transform,
  });
  engine.ws.input.set(spec.train.x.subarray(0, 5));
  engine.ws.target.set(spec.train.y.subarray(0, 5));
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) engineStep(engine, 5);
  return (performance.now() - t0) / 1000;
}

function gflops(kernel: MatmulKernel, n: number): number {
  const rng = createRng(3);
  const a = Float32Array.from({ length: n * n }, () => rng.normal());
  const b = Float32Array.from({ length: n * n }, () => rng.normal());
  const out = new Float32Array(n * n);
  kernel(a, b, out, n, n, n);
  const samples: number[] = [];
  const reps = n >= 512 ? 1 : Math.ceil(2e7 / (n * n * n));
  for (let s = 0; s < Math.max(runs, 5); s++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) kernel(a, b, out, n, n, n);
    samples.push((performance.now() - t0) / reps);
  }
  return (2 * n * n * n) / (median(samples) * 1e6);
}

/**
 * The regularized heap case: two moons (400 rows, batch 16) through a 2-16-16-2 net with dropout on both hidden
 * layers, L1 + L2 penalties and balanced class weights, i.e. every per-step extra of issue #12 on the generic path.
 */
function regularizedSpec(epochs: number): TrainSpec {
  const spec = buildExperiment({
    ...presetConfig('moons'), data: { builtin: 'moons', samples: 400, noise: 0.1, classWeight: 'balanced' }, regularization: { l2: 1e-4, l1: 1e-5 },
    model: { layers: [{ units: 16, activation: 'relu', dropout: 0.2 }, { units: 16, activation: 'relu', dropout: 0.2 }, { units: 2, activation: 'softmax' }] },
  }).spec;
  return { ...spec, epochs };
}

/**
 * Child: 1 000 000 steps through train() (W1's net, or the regularized one); heap (after GC) sampled at 1 % and at
 * the end of the run.
 */
async function childHeap(kind: 'heap' | 'regularized-heap'): Promise<Line> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const steps = quick ? 10_000 : 1_000_000;
  const perEpoch = kind === 'heap' ? 63 : 25;
  const epochs = Math.ceil(steps / perEpoch);
  const spec = { ...(kind === 'heap' ? w1Spec(epochs) : regularizedSpec(epochs)), validation: undefined };
  const mark = Math.max(1, Math.floor(epochs / 100));
  let early = 0;
  let late = 0;
  const end = await lastValueFrom(train(spec, { batchEvents: false }).pipe(
    ofType('epochEnd'),
    tap((e) => {
      if (e.epoch === mark || e.epoch === epochs - 1) {
        gc();
        if (e.epoch === mark) early = process.memoryUsage().heapUsed;
        else late = process.memoryUsage().heapUsed;
      }
    }),
  ));
  return { workload: 'memory', case: kind === 'heap' ? 'w1-heap' : 'regularized-heap', steps: epochs * perEpoch, heapGrowthBytes: late - early, heapBytes: late, epochs: end.epoch + 1 };
}

/** Child: one W2 run; peak RSS against the data size and the RSS before the data existed. */
async function childRss(): Promise<Line> {
  const baseline = process.memoryUsage().rss;
  const spec = w2Spec();
  const dataBytes = spec.train.x.byteLength + spec.train.y.byteLength;
  await run(spec, { finalMetrics: [] });
  const peak = process.resourceUsage().maxRSS * 1024;
  return { workload: 'memory', case: 'w2-rss', peakRssBytes: peak, dataBytes, baselineRssBytes: baseline, overDataBytes: peak - dataBytes, overDataAndBaselineBytes: peak - dataBytes - baseline };
}

/** Writes a classification CSV of `rows` rows (two 6-decimal features and a 0/1 label, ~21 bytes a row). */
function writeCsv(path: string, rows: number): void {
  const rng = createRng(5);
  const lines: string[] = ['a,b,label'];
  for (let i = 0; i < rows; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    lines.push(`${a.toFixed(6)},${b.toFixed(6)},${a * b > 0 ? 1 : 0}`);
    // Written in slices so the generator itself stays small.
    if (lines.length === 100_000) writeFileSync(path, lines.splice(0).join('\n') + '\n', { flag: i < 100_000 ? 'w' : 'a' });
  }
  writeFileSync(path, lines.length > 0 ? lines.join('\n') + '\n' : '', { flag: 'a' });
}

/** Child: one epoch through buildExperiment + train() on a CSV file; peak RSS against the data as Float32. */
async function childCsv(path: string): Promise<Line> {
  const baseline = process.memoryUsage().rss;
  const experiment = buildExperiment({
    data: { train: path, target: 'label', task: 'classification' },
    model: { layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 256, epochs: 1, seed: 1,
  });
  const { train: data } = experiment.spec;
  const dataBytes = data.x.byteLength + data.y.byteLength;
  await run(experiment.spec, { finalMetrics: [] });
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    workload: 'memory', case: 'csv-rss', csvBytes: statSync(path).size, rows: data.length, peakRssBytes: peak, dataBytes,
    baselineRssBytes: baseline, overDataAndBaselineBytes: peak - dataBytes - baseline, overDataBytes: peak - dataBytes,
  };
}

/**
 * The RSS child runs this script bundled to plain JS (esbuild, which tsx already uses) under plain `node`: the tsx
 * loader alone keeps ~60 MB of esbuild resident, which a user's built app would not carry, and which would hide
 * what the library itself uses. The heap child keeps tsx (the heap is unaffected by it).
 */
async function childCommand(kind: string): Promise<string[]> {
  const self = fileURLToPath(import.meta.url);
  if (kind === 'heap' || kind === 'regularized-heap') return ['--expose-gc', '--import', 'tsx', self];
  // Inside node_modules so the bundle's one external import (esbuild) still resolves.
  const cache = join(fileURLToPath(new URL('../node_modules/.cache', import.meta.url)), 'clearprop-bench');
  mkdirSync(cache, { recursive: true });
  const outfile = join(cache, 'bench.mjs');
  buildSync({
    entryPoints: [self], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error',
    external: ['esbuild'], // only the parent builds
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }, // CJS deps in an ESM bundle
  });
  return ['--expose-gc', outfile];
}

async function child(kind: string, extra: readonly string[] = []): Promise<Line> {
  const result = spawnSync(process.execPath, [...(await childCommand(kind)), '--child', kind, ...extra, ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench child ${kind} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as Line;
}

if (flag('--child')) {
  const kind = flag('--child');
  const line = kind === 'heap' || kind === 'regularized-heap' ? await childHeap(kind) : kind === 'csv' ? await childCsv(flag('--csv') as string) : await childRss();
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.exit(0);
}

const lines: Line[] = [];
const emit = (line: Line): void => {
  lines.push(line);
  process.stderr.write(`  ${JSON.stringify(line)}\n`);
};
process.stderr.write(`clearprop bench${quick ? ' --quick' : ''}: ${runs} timed run(s) after warm-up, load average ${loadavg()[0].toFixed(2)}\n`);

if (only.has('w1')) {
  const spec = w1Spec();
  // Three warm-ups: V8 throws the hot step away after the first run and re-optimises it during the second
  // (measured 90, 80, 41, 39, 38 ms for runs 1–5), so one warm-up would time JIT tiering, not training.
  const { seconds } = await timed(async () => void (await run(spec)), 3);
  emit({ workload: 'w1', seconds, steps: spec.epochs * 63 });
  const loop = median(Array.from({ length: runs + 1 }, () => w1EngineLoop(spec.epochs * 63)).slice(1));
  emit({ workload: 'w1', case: 'engine-loop', seconds: loop, steps: spec.epochs * 63 });
}
if (only.has('w2')) {
  const spec = w2Spec();
  // As the peers' figures: one training epoch. runEnd's default final evaluation of all 60 000 training rows
  // (a forward pass, ~⅓ of an epoch) is timed separately as the with-final-eval case.
  const { seconds } = await timed(async () => void (await run(spec, { finalMetrics: [] })));
  emit({ workload: 'w2', seconds, samples: spec.train.length });
  const full = await timed(async () => void (await run(spec)));
  emit({ workload: 'w2', case: 'with-final-eval', seconds: full.seconds, samples: spec.train.length });
}
if (only.has('w3')) {
  const n = quick ? 64 : 1024;
  const kernels = createWasmKernels();
  for (const [name, kernel] of [['AB', kernels.matmul], ['ABt', kernels.matmulTransB], ['AtB', kernels.matmulTransA]] as const) {
    emit({ workload: 'w3', case: name, n, threads: 1, gflops: gflops(kernel, n) });
  }
  // 2 threads (caller + one worker on a shared memory) in the full run only: the --quick line set is pinned by CI.
  if (!quick) {
    const parallel = createWasmKernels({ threads: 2 });
    await parallel.ready;
    for (const [name, kernel] of [['AB', parallel.matmul], ['ABt', parallel.matmulTransB], ['AtB', parallel.matmulTransA]] as const) {
      emit({ workload: 'w3', case: name, n, threads: 2, gflops: gflops(kernel, n) });
    }
    parallel.dispose();
  }
}
if (only.has('w4')) {
  const spec = w4Spec();
  const { seconds, extra } = await timed(async () => (await run(spec)).final.test?.accuracy);
  emit({ workload: 'w4', seconds, accuracy: extra });
}
if (only.has('memory')) {
  emit(await child('heap'));
  emit(await child('regularized-heap'));
  emit(await child('rss'));
  const dir = mkdtempSync(join(tmpdir(), 'clearprop-bench-csv-'));
  try {
    const csv = join(dir, 'big.csv');
    writeCsv(csv, quick ? 100_000 : 2_500_000);
    emit(await child('csv', ['--csv', csv]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = flag('--json');
if (json) writeFileSync(json, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

const find = (workload: string, kase?: string) => lines.find((l) => l.workload === workload && l.case === kase);
const w3 = (kase: string, threads: number) => lines.find((l) => l.workload === 'w3' && l.case === kase && l.threads === threads);
const mb = (bytes: unknown) => `${(Number(bytes) / 2 ** 20).toFixed(1)} MB`;
const s = (line: Line | undefined) => (line ? `${Number(line.seconds).toFixed(3)} s` : '–');
const rows: string[][] = [
  ['W1 seed-sin', 'brain.js 0.094 s', 'torch 18.7 s', '≤ 0.038 s', s(find('w1')) + (find('w1', 'engine-loop') ? ` (engine loop ${s(find('w1', 'engine-loop'))})` : '')],
  ['W2 mlp-784', 'tfjs-wasm 39.6 s', 'NumPy 2.76 s, torch 1.91 s', '≤ 2.8 s', s(find('w2')) + (find('w2', 'with-final-eval') ? ` (with the final train-set eval: ${s(find('w2', 'with-final-eval'))})` : '')],
  ...['AB', 'ABt', 'AtB'].map((c) => [`W3 sgemm ${c}`, 'tfjs-wasm 17.6 / 1.4 / 0.32', 'OpenBLAS 64.6 / 63.2 / 63.3', '≥ 20 (1 thread), ≥ 35 (2)', w3(c, 1) ? `${Number(w3(c, 1)?.gflops).toFixed(1)} GFLOP/s` + (w3(c, 2) ? ` (2 threads: ${Number(w3(c, 2)?.gflops).toFixed(1)})` : '') : '–']),
  ['W4 digits', '–', 'scikit-learn 2.16 s / 0.972', '≤ 2.2 s, ≥ 0.97', find('w4') ? `${s(find('w4'))} / ${Number(find('w4')?.accuracy).toFixed(3)}` : '–'],
  ['Memory W1 heap', '–', '–', 'flat', find('memory', 'w1-heap') ? `${mb(find('memory', 'w1-heap')?.heapGrowthBytes)} growth over ${find('memory', 'w1-heap')?.steps} steps` : '–'],
  ['Memory regularized heap', '–', '–', 'flat', find('memory', 'regularized-heap') ? `${mb(find('memory', 'regularized-heap')?.heapGrowthBytes)} growth over ${find('memory', 'regularized-heap')?.steps} steps` : '–'],
  ['Memory W2 RSS', 'tfjs-wasm 463 MB', 'torch 422 MB', '≤ data + 64 MB', find('memory', 'w2-rss') ? `${mb(find('memory', 'w2-rss')?.peakRssBytes)} (data ${mb(find('memory', 'w2-rss')?.dataBytes)})` : '–'],
  ['Memory CSV train RSS', '–', '–', '≤ data + 100 MB', find('memory', 'csv-rss') ? `${mb(find('memory', 'csv-rss')?.peakRssBytes)} for a ${mb(find('memory', 'csv-rss')?.csvBytes)} CSV (data ${mb(find('memory', 'csv-rss')?.dataBytes)}, before loading ${mb(find('memory', 'csv-rss')?.baselineRssBytes)})` : '–'],
];
const widths = rows[0].map((_, c) => Math.max(...[['workload', 'best JS peer', 'NumPy/torch', 'target', 'ours (median)'], ...rows].map((r) => r[c].length)));
for (const r of [['workload', 'best JS peer', 'NumPy/torch', 'target', 'ours (median)'], ...rows]) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
