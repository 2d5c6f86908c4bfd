// The bench's workloads W1–W4 as clearprop runs them (specs, data, timing helpers); tools/bench.ts drives them.
import { lastValueFrom } from 'rxjs';
import { dataset, oneHot } from '@clearprop/data';
import { resolveLoss, sequential } from '@clearprop/nn';
import { createRng, type MatmulKernel } from '@clearprop/tensor';
import { buildExperiment, buildOptimizer, createEngine, defaultKernels, engineStep, ofType, presetConfig, train, type RunOptions, type TrainingEvent, type TrainSpec } from '@clearprop/training';

/** Sizes and repetitions of one bench run. */
export interface BenchSettings {
  readonly quick: boolean;
  /** Timed runs per figure (the median is reported). */
  readonly runs: number;
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds of CPU this process has used (all its threads: ours, V8's compiler and GC helpers, a GEMM worker). */
export const cpuTime = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * `warmups` untimed runs, then the medians of `runs` timings of `f`: wall-clock seconds, and CPU seconds, which
 * a busy machine inflates far less (time spent waiting for a core is not counted); `f` returns an extra metric.
 */
export async function timed(settings: BenchSettings, f: () => Promise<number | void>, warmups = 1): Promise<{ seconds: number; cpuSeconds: number; extra: number }> {
  for (let w = 0; w < (settings.quick ? 1 : warmups); w++) await f();
  const seconds: number[] = [];
  const cpu: number[] = [];
  let extra = NaN;
  for (let r = 0; r < settings.runs; r++) {
    const [t0, c0] = [performance.now(), cpuTime()];
    extra = (await f()) ?? NaN;
    seconds.push((performance.now() - t0) / 1000);
    cpu.push(cpuTime() - c0);
  }
  return { seconds: median(seconds), cpuSeconds: median(cpu), extra };
}

/** Runs a spec through train() with batchEvents off; resolves with the runEnd event. */
export function run(spec: TrainSpec, options: RunOptions = {}): Promise<Extract<TrainingEvent, { type: 'runEnd' }>> {
  return lastValueFrom(train(spec, { batchEvents: false, ...options }).pipe(ofType('runEnd')));
}

/** W1: the seed's Code 2 (1-2-4-2-1 sigmoid, ½Σ², batch 5, lr 1.5 poly, 315 sin points), 500 epochs. */
export function w1Spec(settings: BenchSettings, epochs = settings.quick ? 5 : 500): TrainSpec {
  const spec = buildExperiment(presetConfig('seed-code2')).spec;
  return { ...spec, epochs };
}

/**
 * The regularized heap case: two moons (400 rows, batch 16) through a 2-16-16-2 net with dropout on both hidden
 * layers, L1 + L2 penalties and balanced class weights, i.e. every per-step extra of issue #12 on the generic path.
 */
export function regularizedSpec(epochs: number): TrainSpec {
  const spec = buildExperiment({
    ...presetConfig('moons'), batchSize: 16, data: { builtin: 'moons', samples: 400, noise: 0.1, classWeight: 'balanced' }, regularization: { l2: 1e-4, l1: 1e-5 },
    model: { layers: [{ units: 16, activation: 'relu', dropout: 0.2 }, { units: 16, activation: 'relu', dropout: 0.2 }, { units: 2, activation: 'softmax' }] },
  }).spec;
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

/** W2: one epoch of 784-256-128-10 ReLU / softmax-CE, batch 128, SGD 0.01 over 60 000 random rows. */
export function w2Spec(settings: BenchSettings, n = w2Samples(settings)): TrainSpec {
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

export const w2Samples = (settings: BenchSettings): number => (settings.quick ? 512 : 60_000);

/** W4: the digits preset (64-64-10 ReLU/softmax, Adam 1e-3, batch 32, 100 epochs, stratified 80/20). */
export function w4Spec(settings: BenchSettings): TrainSpec {
  const spec = buildExperiment(presetConfig('digits')).spec;
  return settings.quick ? { ...spec, epochs: 2 } : spec;
}

/** The raw engine loop on W1 (no train(), no shuffling, no events): a lower bound, labelled as such. */
export function w1EngineLoop(settings: BenchSettings, steps: number): number {
  const spec = w1Spec(settings);
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

/** GFLOP/s of an n×n×n product by wall clock and by CPU time: medians of max(runs, 5) timed calls after one warm-up (small n repeats calls). */
export function gflops(settings: BenchSettings, kernel: MatmulKernel, n: number): { gflops: number; cpuGflops: number } {
  const rng = createRng(3);
  const a = Float32Array.from({ length: n * n }, () => rng.normal());
  const b = Float32Array.from({ length: n * n }, () => rng.normal());
  const out = new Float32Array(n * n);
  kernel(a, b, out, n, n, n);
  const samples: number[] = [];
  const cpu: number[] = [];
  const reps = n >= 512 ? 1 : Math.ceil(2e7 / (n * n * n));
  for (let s = 0; s < Math.max(settings.runs, 5); s++) {
    const [t0, c0] = [performance.now(), cpuTime()];
    for (let r = 0; r < reps; r++) kernel(a, b, out, n, n, n);
    samples.push((performance.now() - t0) / 1000 / reps);
    cpu.push((cpuTime() - c0) / reps);
  }
  const flop = 2 * n * n * n;
  return { gflops: flop / median(samples) / 1e9, cpuGflops: flop / median(cpu) / 1e9 };
}
