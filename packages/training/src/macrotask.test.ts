import { describe, expect, it } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import { macrotaskScheduler } from './macrotask.ts';

describe('macrotaskScheduler', () => {
  it('without setImmediate (a browser) runs callbacks in order through one MessageChannel, after microtasks', async () => {
    const channels: MessageChannel[] = [];
    class CountingChannel extends MessageChannel {
      constructor() {
        super();
        channels.push(this);
      }
    }
    const schedule = macrotaskScheduler({ MessageChannel: CountingChannel as never, setTimeout });
    expect(channels).toHaveLength(0); // nothing created until first use
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      schedule(() => order.push('a'));
      schedule(() => order.push('b'));
      schedule(() => resolve());
    });
    void Promise.resolve().then(() => order.push('microtask'));
    await done;
    expect(order).toEqual(['microtask', 'a', 'b']);
    expect(channels).toHaveLength(1);
    channels[0].port1.close(); // an open Node port would keep Jest's worker alive
  });

  it('prefers setImmediate, and falls back to setTimeout(f, 0) with neither', () => {
    const calls: string[] = [];
    macrotaskScheduler({ setImmediate: () => calls.push('immediate'), setTimeout: () => calls.push('timeout') })(() => undefined);
    macrotaskScheduler({ setTimeout: (_, ms) => calls.push(`timeout ${ms}`) })(() => undefined);
    expect(calls).toEqual(['immediate', 'timeout 0']);
  });
});
