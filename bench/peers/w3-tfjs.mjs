// W3 peer: tfjs 4.22 on its WASM backend (XNNPACK, SIMD), 1 thread: n×n×n float32 products a·b, a·bᵀ, aᵀ·b.
// Usage: node w3-tfjs.mjs n runs
// Prints one JSON line: { AB, ABt, AtB } in GFLOP/s, each the median of `runs` timed products after one warm-up.
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
  const seconds = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    product();
    return (performance.now() - t0) / 1000;
  }).sort((x, y) => x - y);
  return (2 * n * n * n) / seconds[Math.floor(runs / 2)] / 1e9;
}

const result = { AB: gflops(false, false), ABt: gflops(false, true), AtB: gflops(true, false) };
process.stdout.write(`${JSON.stringify(result)}\n`);
