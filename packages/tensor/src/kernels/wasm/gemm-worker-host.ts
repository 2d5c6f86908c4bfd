// Node only (reached from @clearprop/tensor/node): the worker thread of the 2-thread GEMM and its host.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CHUNK_SOURCE, CONTROL_SLOTS, DONE, ERROR, JOB, NEXT, STOP, WORKER_CHUNKS, type WorkerConstructor, type WorkerHost } from './gemm-worker.ts';

// Plain JS that runs as a script or as a module (eval'd code follows the parent's --input-type), hence no require.
// workerData.tiles names the module's gemm_* exports in the order the caller indexes them.
const WORKER_SOURCE = `'use strict';
const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');
const { bytes, memory, control, tiles } = workerData;
const ctl = new Int32Array(control);
const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
const gemms = tiles.map((name) => exports['gemm_' + name]);
const chunk = ${CHUNK_SOURCE};
parentPort.postMessage('ready');
let seen = Atomics.load(ctl, ${NEXT});
for (;;) {
  Atomics.wait(ctl, ${NEXT}, seen);
  if (Atomics.load(ctl, ${STOP}) !== 0) break;
  const tag = Atomics.load(ctl, ${NEXT}) >> 6;
  const [transA, transB, m, k, n, a, b, c, splitRows, size, count, packA, packB, scratch, tile] = ctl.subarray(${JOB}, ${CONTROL_SLOTS});
  for (;;) {
    const next = Atomics.load(ctl, ${NEXT});
    if (next >> 6 !== tag || (next & 63) >= count) { seen = next; break; }
    if (Atomics.compareExchange(ctl, ${NEXT}, next, next + 1) !== next) continue;
    try {
      chunk(gemms[tile], transA, transB, m, k, n, a, b, c, splitRows, size, next & 63, packA, packB, scratch);
    } catch (error) {
      Atomics.store(ctl, ${ERROR}, 1);
    }
    Atomics.add(ctl, ${WORKER_CHUNKS}, 1);
    if (Atomics.add(ctl, ${DONE}, 1) + 1 === count) Atomics.notify(ctl, ${DONE});
  }
}
`;

/** Node's worker_threads as the 2-thread GEMM's host. */
export function nodeWorkerHost(): WorkerHost {
  return { Worker: Worker as unknown as WorkerConstructor, source: WORKER_SOURCE, cpus: availableParallelism };
}
