#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Benchmarks clearprop on W1 seed-sin, W2 mlp-784, W3 sgemm (+ the machine's WASM SIMD128 ceiling), W4 digits and
// memory; with --peers, runs each peer on the same workload right after ours and reports the ratios (issue #16).
// Usage: ./tools/bench.ts [--peers] [--quick] [--json out.jsonl] [--only w1,w2,w3,w4,memory] [--runs 5]
//   (or `npx nx run training:bench -- --quick`). W1/W2/W4 time the product path, train() with batchEvents off,
//   subscribe → runEnd; each figure is the median of --runs timed runs after warm-up (five for W1, one otherwise).
//   Memory runs in children: the heap over 1M W1 steps and over 1M steps of a regularized net with dropout, W2's
//   peak RSS, and csv-rss: one epoch on a generated 50 MB CSV (2 MB with --quick), loaded streaming. --peers
//   installs bench/peers (brain.js, tfjs-wasm) on first use; the Python peers (NumPy, scikit-learn) run when
//   Debian's python3-numpy / python3-sklearn are installed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWasmKernels } from '@clearprop/tensor/node';
import { measureCeiling } from './bench/ceiling.ts';
import { jsPeers, w1Peer, w2Peer, w3Peer, w3WithPeer, w4Peer, type PeerContext } from './bench/compare.ts';
import { child, childCsv, childHeap, childRss, writeCsv, type Line } from './bench/memory.ts';
import { formatTable } from './bench/table.ts';
import { cpuTime, gflops, median, run, timed, w1EngineLoop, w1Spec, w2Samples, w2Spec, w4Spec, type BenchSettings } from './bench/workloads.ts';
import { toolArgs, UsageError } from './tool-args.ts';

const WORKLOADS = ['w1', 'w2', 'w3', 'w4', 'memory'];
const values = toolArgs({
  name: 'bench',
  usage: 'usage: ./tools/bench.ts [--peers] [--quick] [--json <out.jsonl>] [--only w1,w2,w3,w4,memory] [--runs <n>] [-h | --help]',
  help: `W1 seed-sin, W2 mlp-784, W3 sgemm (+ the WASM SIMD128 ceiling), W4 digits and memory (table on stdout, one JSON
line per measurement on stderr). Takes about 90 s without peers; --quick is the few-second smoke run CI executes.
  --peers          also run brain.js, tfjs-wasm (installed into bench/peers on first use), NumPy and scikit-learn
                   (when Debian's python3-numpy / python3-sklearn are there) on the same workloads; report ratios
  --quick          tiny sizes, one repetition
  --json <file>    also write the measurements as JSON lines
  --only <list>    comma-separated workloads (default: all)
  --runs <n>       timed runs per figure, median reported (default 5)`,
  options: { peers: { type: 'boolean' }, quick: { type: 'boolean' }, json: { type: 'string' }, only: { type: 'string' }, runs: { type: 'string' }, child: { type: 'string' }, csv: { type: 'string' } },
}, ({ values }) => {
  const unknown = (values.only ?? '').split(',').filter((w) => w !== '' && !WORKLOADS.includes(w));
  if (unknown.length > 0) throw new UsageError(`--only: unknown workload(s) ${unknown.join(', ')}; choose from ${WORKLOADS.join(', ')}`);
  if (values.runs !== undefined && !(/^\d+$/.test(values.runs) && Number(values.runs) >= 1)) throw new UsageError(`--runs expects an integer ≥ 1, got "${values.runs}"`);
  if (values.child !== undefined && !['heap', 'regularized-heap', 'rss', 'csv'].includes(values.child)) throw new UsageError('--child is internal (heap, regularized-heap, rss or csv)');
  return values;
});
const quick = values.quick === true;
const settings: BenchSettings = { quick, runs: quick ? 1 : Number(values.runs ?? 5) };
const only = new Set((values.only ?? WORKLOADS.join(',')).split(','));

if (values.child !== undefined) {
  const line = values.child === 'heap' || values.child === 'regularized-heap' ? await childHeap(settings, values.child) : values.child === 'csv' ? await childCsv(values.csv as string) : await childRss(settings);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.exit(0);
}

const lines: Line[] = [];
const emit = (line: Line): void => {
  lines.push(line);
  process.stderr.write(`  ${JSON.stringify(line)}\n`);
};
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const load = (): string => loadavg()[0].toFixed(2);
log(`clearprop bench${quick ? ' --quick' : ''}: ${settings.runs} timed run(s) after warm-up; ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; load average ${load()}`);
const context: PeerContext = { settings, log };
const versions = values.peers === true ? jsPeers(context) : undefined;

if (only.has('w1')) {
  const spec = w1Spec(settings);
  // Five warm-ups: V8 is still compiling parts of train() during runs 3 and 4 (CPU per run, load-independent:
  // 210, 130, 65–80, 44–60, then 38–41 ms), so fewer would time JIT tiering, not training.
  const { seconds, cpuSeconds } = await timed(settings, async () => void (await run(spec)), 5);
  const line: Line = { workload: 'w1', seconds, cpuSeconds, steps: spec.epochs * 63, load: load() };
  emit(versions ? w1Peer(context, line, spec.train, spec.epochs, versions['brain.js']) : line);
  const loop = median(Array.from({ length: settings.runs + 1 }, () => w1EngineLoop(settings, spec.epochs * 63)).slice(1));
  emit({ workload: 'w1', case: 'engine-loop', seconds: loop, steps: spec.epochs * 63 });
}
if (only.has('w2')) {
  const spec = w2Spec(settings);
  // As the peers' figures: one training epoch. runEnd's default final evaluation of all 60 000 training rows
  // (a forward pass, ~⅓ of an epoch) is timed separately as the with-final-eval case.
  const { seconds, cpuSeconds } = await timed(settings, async () => void (await run(spec, { finalMetrics: [] })));
  const ours: Line = { workload: 'w2', seconds, cpuSeconds, samples: spec.train.length, load: load() };
  const line = versions ? w2Peer(context, ours, w2Samples(settings)) : ours;
  emit(line);
  const full = await timed(settings, async () => void (await run(spec)));
  emit({ workload: 'w2', case: 'with-final-eval', seconds: full.seconds, samples: spec.train.length });
  // The GEMM on 2 threads (createWasmKernels({ threads: 'auto' })), full run only: the --quick line set is pinned by CI.
  if (!quick) {
    const kernels = createWasmKernels({ threads: 'auto' });
    const auto = await timed(settings, async () => void (await run(spec, { finalMetrics: [], kernels })));
    kernels.dispose();
    // CPU time adds both threads up, so only the wall-clock ratio means anything here.
    emit({ workload: 'w2', case: 'threads-auto', seconds: auto.seconds, samples: spec.train.length, ...(line.peerSeconds === undefined ? {} : { peer: line.peer as string, peerSeconds: Number(line.peerSeconds), ratio: Number(line.peerSeconds) / auto.seconds }) });
  }
}
if (only.has('w3')) {
  const n = quick ? 64 : 1024;
  const ceiling = await measureCeiling(Math.max(settings.runs, 5), quick ? 1e7 : 2 * n ** 3, cpuTime);
  emit({ workload: 'w3', case: 'ceiling', gflops: ceiling.gflops, cpuGflops: ceiling.cpuGflops, layout: ceiling.layout, load: load() });
  const kernels = createWasmKernels();
  const ours = (['AB', 'ABt', 'AtB'] as const).map((form) => ({ form, ...gflops(settings, form === 'AB' ? kernels.matmul : form === 'ABt' ? kernels.matmulTransB : kernels.matmulTransA, n) }));
  const tfjs = versions ? w3Peer(context, n) : undefined;
  for (const { form, gflops: rate, cpuGflops } of ours) {
    const line: Line = {
      workload: 'w3', case: form, n, threads: 1, tile: kernels.tile(), gflops: rate, cpuGflops,
      ceilingFraction: rate / ceiling.gflops, cpuCeilingFraction: cpuGflops / ceiling.cpuGflops,
    };
    emit(tfjs && versions ? w3WithPeer(line, tfjs, form, versions['@tensorflow/tfjs-backend-wasm']) : line);
  }
  // 2 threads (caller + one worker on a shared memory) in the full run only: the --quick line set is pinned by CI.
  if (!quick) {
    const parallel = createWasmKernels({ threads: 2 });
    await parallel.ready;
    for (const [form, kernel] of [['AB', parallel.matmul], ['ABt', parallel.matmulTransB], ['AtB', parallel.matmulTransA]] as const) {
      emit({ workload: 'w3', case: form, n, threads: 2, gflops: gflops(settings, kernel, n).gflops });
    }
    parallel.dispose();
  }
}
if (only.has('w4')) {
  const spec = w4Spec(settings);
  // runEnd evaluates the test split only, as scikit-learn's score does (by default it would also evaluate the
  // 1 437 training rows, a forward pass the peer does not make).
  const { seconds, cpuSeconds, extra } = await timed(settings, async () => (await run(spec, { finalMetrics: ['test'] })).final.test?.accuracy);
  const line: Line = { workload: 'w4', seconds, cpuSeconds, accuracy: extra, load: load() };
  emit(versions && spec.test ? w4Peer(context, line, spec.train, spec.test, spec.epochs) : line);
}
if (only.has('memory')) {
  const entry = fileURLToPath(import.meta.url);
  emit(child('heap', entry, settings));
  emit(child('regularized-heap', entry, settings));
  emit(child('rss', entry, settings));
  const dir = mkdtempSync(join(tmpdir(), 'clearprop-bench-csv-'));
  try {
    const csv = join(dir, 'big.csv');
    writeCsv(csv, quick ? 100_000 : 2_500_000);
    emit(child('csv', entry, settings, ['--csv', csv]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = values.json;
if (json) writeFileSync(json, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; load average at the end ${load()}`);
for (const row of formatTable(lines, !quick)) console.log(row);
