// Runs each peer on the workload clearprop has just run (same data, same sizes) and folds its figure into our
// JSON line as `peer`, `peerSeconds` / `peerGflops` and `ratio` (how many times faster clearprop is: the peer's
// time over ours, or our GFLOP/s over the peer's), by wall clock; `peerCpuSeconds` / `peerCpuGflops` and
// `cpuRatio` the same by CPU time, which a busy machine distorts less.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@clearprop/data';
import type { Line } from './memory.ts';
import { ensureJsPeers, pythonHas, runNodePeer, runPythonPeer, type PeerResult } from './peers.ts';
import type { BenchSettings } from './workloads.ts';

/** What the peers need, and where to say what happened. */
export interface PeerContext {
  readonly settings: BenchSettings;
  readonly log: (line: string) => void;
}

const withRatio = (line: Line, peer: string, result: PeerResult): Line => {
  const [peerSeconds, peerCpuSeconds] = [Number(result.seconds), Number(result.cpuSeconds)];
  return { ...line, peer, peerSeconds, ratio: peerSeconds / Number(line.seconds), peerCpuSeconds, cpuRatio: peerCpuSeconds / Number(line.cpuSeconds) };
};

/** Installs the JS peers (first use only) and returns the versions to name them by. */
export function jsPeers(context: PeerContext): Readonly<Record<string, string>> {
  return ensureJsPeers(context.log);
}

/** W1 against brain.js: per-sample training of the same net on the same 315 points, as many epochs. */
export function w1Peer(context: PeerContext, line: Line, data: Dataset, epochs: number, version: string): Line {
  const dir = mkdtempSync(join(tmpdir(), 'clearprop-bench-w1-'));
  try {
    const file = join(dir, 'sin.json');
    writeFileSync(file, JSON.stringify({ x: Array.from(data.x), y: Array.from(data.y) }));
    const result = runNodePeer('w1-brain.mjs', [file, epochs, context.settings.runs, context.settings.quick ? 1 : 3]);
    return withRatio(line, `brain.js ${version}`, result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** tfjs-wasm's three forms at n³ on one thread, GFLOP/s. */
export function w3Peer(context: PeerContext, n: number): PeerResult {
  return runNodePeer('w3-tfjs.mjs', [n, Math.max(context.settings.runs, 5)]);
}

/** The W3 line of one form against tfjs-wasm's a·b (its best form), with its same-form figure beside it. */
export function w3WithPeer(line: Line, tfjs: PeerResult, form: string, version: string): Line {
  const [peerGflops, peerCpuGflops] = [Number(tfjs.AB), Number(tfjs.cpuAB)];
  return {
    ...line, peer: `tfjs-wasm ${version} a·b`, peerGflops, peerSameForm: Number(tfjs[form]), ratio: Number(line.gflops) / peerGflops,
    peerCpuGflops, cpuRatio: Number(line.cpuGflops) / peerCpuGflops,
  };
}

/** W2 against NumPy + its BLAS on one thread, or the line unchanged (and a note) without python3-numpy. */
export function w2Peer(context: PeerContext, line: Line, samples: number): Line {
  if (!pythonHas('numpy')) {
    context.log('NumPy peer skipped: Debian python3-numpy is not installed (apt-get install -y python3-numpy)');
    return { ...line, peer: 'NumPy (absent)' };
  }
  const result = runPythonPeer('w2_numpy.py', [samples, context.settings.runs, 1]);
  return withRatio(line, `NumPy ${String(result.version)} + ${String(result.blas)}, 1 thread`, result);
}

/** Writes a split as the raw files w4_sklearn.py reads: float32 features, int32 labels (argmax of one-hot y). */
function writeSplit(dir: string, name: string, data: Dataset): void {
  writeFileSync(join(dir, `x_${name}.f32`), data.x);
  const labels = Int32Array.from({ length: data.length }, (_, i) => {
    const row = data.y.subarray(i * data.targets, (i + 1) * data.targets);
    return row.indexOf(Math.max(...row));
  });
  writeFileSync(join(dir, `y_${name}.i32`), labels);
}

/** W4 against scikit-learn's MLPClassifier on our exact standardized split, or the line unchanged without it. */
export function w4Peer(context: PeerContext, line: Line, trainSet: Dataset, testSet: Dataset, epochs: number): Line {
  if (!pythonHas('sklearn')) {
    context.log('scikit-learn peer skipped: Debian python3-sklearn is not installed (apt-get install -y python3-sklearn)');
    return { ...line, peer: 'scikit-learn (absent)' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'clearprop-bench-w4-'));
  try {
    writeSplit(dir, 'train', trainSet);
    writeSplit(dir, 'test', testSet);
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ features: trainSet.features }));
    const result = runPythonPeer('w4_sklearn.py', [dir, epochs, context.settings.runs, 1]);
    return { ...withRatio(line, `scikit-learn ${String(result.version)} MLPClassifier`, result), peerAccuracy: Number(result.accuracy) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
