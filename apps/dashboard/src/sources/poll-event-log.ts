import { tailEventLog, type TailRead } from '@clearprop/training/node';

/**
 * Reads the event log at `path` (tailEventLog: complete lines only, from the first) every `pollMs`, handing each
 * read to `onRead`, until `onRead` returns false or the returned teardown runs; a failed read goes to `fail`.
 * Polling rather than fs.watch: it behaves the same on every platform and file system.
 */
export function pollEventLog(path: string, pollMs: number, onRead: (read: TailRead) => boolean, fail: (error: unknown) => void): () => void {
  const tail = tailEventLog(path);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const teardown = (): void => {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    void tail.close();
  };
  const poll = async (): Promise<void> => {
    const read = await tail.read();
    if (closed) return;
    // onRead may end the subscription itself (complete → teardown); either way there is no next read.
    if (!onRead(read)) return teardown();
    if (!closed) timer = setTimeout(() => void poll().catch(fail), pollMs);
  };
  void poll().catch(fail);
  return teardown;
}
