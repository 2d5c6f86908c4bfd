/** What the scheduler needs from the global object (injectable for tests). */
export interface MacrotaskGlobals {
  readonly setImmediate?: (callback: () => void) => unknown;
  readonly MessageChannel?: new () => { readonly port1: { onmessage: (() => void) | null }; readonly port2: { postMessage(message: null): void } };
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
}

/**
 * Returns a function that runs callbacks as macrotasks, in order, after pending I/O and rendering get a turn:
 * `setImmediate` where it exists (Node), else one `MessageChannel` (browsers, workers: what React's scheduler
 * uses, because nested `setTimeout(f, 0)` is clamped to ≥ 4 ms), else `setTimeout(f, 0)`.
 */
export function macrotaskScheduler(globals: MacrotaskGlobals): (callback: () => void) => void {
  const { setImmediate: immediate, MessageChannel: Channel } = globals;
  if (immediate !== undefined) return (callback) => void immediate(callback);
  if (Channel === undefined) return (callback) => void globals.setTimeout(callback, 0);
  const queue: (() => void)[] = [];
  let channel: InstanceType<typeof Channel> | undefined; // created on first use: importing stays free of effects
  return (callback) => {
    if (channel === undefined) {
      channel = new Channel();
      channel.port1.onmessage = () => queue.shift()?.();
    }
    queue.push(callback);
    channel.port2.postMessage(null);
  };
}

/** Runs `callback` as a macrotask on this platform (see {@link macrotaskScheduler}). */
export const schedule = macrotaskScheduler(globalThis as unknown as MacrotaskGlobals);
