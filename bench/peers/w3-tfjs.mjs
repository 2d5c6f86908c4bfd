// W3 peer: tfjs 4.22 on its WASM backend (XNNPACK, SIMD), 1 thread: n×n×n float32 products a·b, a·bᵀ, aᵀ·b.
// Usage: node w3-tfjs.mjs n runs
// Prints one JSON line: { AB, ABt, AtB } in GFLOP/s, each the median of `runs` timed products after one warm-up,
// by wall clock, and { cpuAB, cpuABt, cpuAtB } by CPU time.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const [n, runs] = process.argv.slice(2).map(Number);
setThreadsCount(1);
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialise');
const a = tf.randomNormal([n, n], 0, 1, 'float32', 3);
const b = tf.randomNormal([n, n], 0, 1, 'float32', 4);

function gflops(transposeA, transposeB) {
  const product = () => {
    const c = tf.matMul(a, b, transposeA, transposeB);
    c.dataSync(); // the wasm backend computes synchronously; reading back makes sure it is done
    c.dispose();
  };
  product();
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    product();
    const used = process.cpuUsage(c0);
    wall.push((performance.now() - t0) / 1000);
    cpu.push((used.user + used.system) / 1e6);
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(runs / 2)];
  return [(2 * n * n * n) / median(wall) / 1e9, (2 * n * n * n) / median(cpu) / 1e9];
}

const [[AB, cpuAB], [ABt, cpuABt], [AtB, cpuAtB]] = [gflops(false, false), gflops(false, true), gflops(true, false)];
const result = { AB, ABt, AtB, cpuAB, cpuABt, cpuAtB };
process.stdout.write(`${JSON.stringify(result)}\n`);
