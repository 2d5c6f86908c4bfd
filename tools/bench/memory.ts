// The bench's memory checks, each in a child process of tools/bench.ts: the heap over 1M W1 steps (and over 1M
// steps of a regularized net with dropout), W2's peak RSS,
// and the peak RSS of one epoch on a big CSV loaded streaming (issue #11).
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tap, lastValueFrom } from 'rxjs';
import { createRng } from '@clearprop/tensor';
import { buildExperiment, ofType, train } from '@clearprop/training';
import { csvFiles } from '@clearprop/training/node';
import { regularizedSpec, run, w1Spec, w2Spec, type BenchSettings } from './workloads.ts';

export type Line = Record<string, string | number | boolean>;

/**
 * Child: 1 000 000 steps through train() (W1's net, or the regularized one: dropout, L1 + L2, class weights); heap
 * (after GC) sampled at 1 % and at the end of the run.
 */
export async function childHeap(settings: BenchSettings, kind: 'heap' | 'regularized-heap'): Promise<Line> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const perEpoch = kind === 'heap' ? 63 : 25; // batches per epoch: 315 rows / 5, 400 moons / 16
  const epochs = Math.ceil((settings.quick ? 10_000 : 1_000_000) / perEpoch);
  const spec = { ...(kind === 'heap' ? w1Spec(settings, epochs) : regularizedSpec(epochs)), validation: undefined };
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
  return { workload: 'memory', case: kind === 'heap' ? 'w1-heap' : 'regularized-heap', steps: epochs * perEpoch, heapGrowthBytes: late - early, heapBytes: late, epochs: end.epoch };
}

/** Child: one W2 run; peak RSS against the data size and the RSS before the data existed. */
export async function childRss(settings: BenchSettings): Promise<Line> {
  const baseline = process.memoryUsage().rss;
  const spec = w2Spec(settings);
  const dataBytes = spec.train.x.byteLength + spec.train.y.byteLength;
  await run(spec, { finalMetrics: [] });
  const peak = process.resourceUsage().maxRSS * 1024;
  return { workload: 'memory', case: 'w2-rss', peakRssBytes: peak, dataBytes, baselineRssBytes: baseline, overDataBytes: peak - dataBytes, overDataAndBaselineBytes: peak - dataBytes - baseline };
}

/**
 * The RSS child runs the bench bundled to plain JS (esbuild, which tsx already uses) under plain `node`: the tsx
 * loader alone keeps ~60 MB of esbuild resident, which a user's built app would not carry, and which would hide
 * what the library itself uses. The heap child keeps tsx (the heap is unaffected by it).
 */
function childCommand(kind: string, entry: string): string[] {
  if (kind === 'heap' || kind === 'regularized-heap') return ['--expose-gc', '--conditions=@clearprop/source', '--import', 'tsx', entry];
  // Inside node_modules so the bundle's one external import (esbuild) still resolves.
  const cache = join(fileURLToPath(new URL('../../node_modules/.cache', import.meta.url)), 'clearprop-bench');
  mkdirSync(cache, { recursive: true });
  const outfile = join(cache, 'bench.mjs');
  buildSync({
    entryPoints: [entry], bundle: true, platform: 'node', conditions: ['@clearprop/source'], format: 'esm', target: 'node20', outfile, logLevel: 'error',
    external: ['esbuild', 'wabt'], // only the parent builds the bundle and measures the ceiling
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }, // CJS deps in an ESM bundle
  });
  return ['--expose-gc', outfile];
}

/** Runs `entry --child kind [extra…]` in a fresh process and returns the JSON line it prints. */
export function child(kind: 'heap' | 'regularized-heap' | 'rss' | 'csv', entry: string, settings: BenchSettings, extra: readonly string[] = []): Line {
  const result = spawnSync(process.execPath, [...childCommand(kind, entry), '--child', kind, ...extra, ...(settings.quick ? ['--quick'] : [])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench child ${kind} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as Line;
}

/** Writes a CSV of `rows` rows (two features in [−1, 1), label = sign of their product), in slices. */
export function writeCsv(path: string, rows: number): void {
  const rng = createRng(5);
  const lines: string[] = ['a,b,label'];
  for (let i = 0; i < rows; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    lines.push(`${a.toFixed(6)},${b.toFixed(6)},${a * b > 0 ? 1 : 0}`);
    if (lines.length === 100_000) writeFileSync(path, lines.splice(0).join('\n') + '\n', { flag: i < 100_000 ? 'w' : 'a' });
  }
  writeFileSync(path, lines.length > 0 ? lines.join('\n') + '\n' : '', { flag: 'a' });
}

/** Child: one epoch on the CSV at `path`, loaded streaming; peak RSS against the data as float32 and the RSS before. */
export async function childCsv(path: string): Promise<Line> {
  const baseline = process.memoryUsage().rss;
  const experiment = buildExperiment({
    data: { train: path, target: 'label', task: 'classification' },
    model: { layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 256, epochs: 1, seed: 1,
  }, { readCsv: csvFiles() });
  const { train: data } = experiment.spec;
  const dataBytes = data.x.byteLength + data.y.byteLength;
  await run(experiment.spec, { finalMetrics: [] });
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    workload: 'memory', case: 'csv-rss', csvBytes: statSync(path).size, rows: data.length, peakRssBytes: peak, dataBytes,
    baselineRssBytes: baseline, overDataAndBaselineBytes: peak - dataBytes - baseline, overDataBytes: peak - dataBytes,
  };
}
