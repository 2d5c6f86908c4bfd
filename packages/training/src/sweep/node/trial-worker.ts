import type { MessagePort } from 'node:worker_threads';
import type { TrialResult } from '../types.ts';
import { runTrial, type RungVerdict, type TrialTask } from './run-trial.ts';

/** Messages a trial thread sends to the pool while it runs. */
export type TrialMessage =
  | { readonly type: 'start' }
  | { readonly type: 'epoch'; readonly epoch: number; readonly value: number }
  | { readonly type: 'rung'; readonly epoch: number; readonly value: number };

/** The pool's answer to a `rung` message. */
export type TrialReply = { readonly type: 'verdict'; readonly epoch: number } & RungVerdict;

/**
 * The function each pool thread runs for a task: runs the trial, reporting epochs and rungs through `port` and
 * waiting on it for rung verdicts.
 */
export async function runTrialTask(input: { readonly task: TrialTask; readonly port: MessagePort }): Promise<TrialResult> {
  const { task, port } = input;
  const waiting = new Map<number, (verdict: RungVerdict) => void>();
  port.on('message', (reply: TrialReply) => waiting.get(reply.epoch)?.(reply));
  const post = (message: TrialMessage) => port.postMessage(message);
  post({ type: 'start' });
  try {
    return await runTrial(task, {
      now: () => performance.now(),
      onEpoch: (epoch, value) => post({ type: 'epoch', epoch, value }),
      decide: (rung) => new Promise<RungVerdict>((resolve) => {
        waiting.set(rung.epoch, resolve);
        post({ type: 'rung', ...rung });
      }),
    });
  } finally {
    port.close();
  }
}
