import { createRequire } from 'node:module';
import type { Observable } from 'rxjs';

/** A text sink such as stdout or stderr. */
export interface TextStream {
  write(text: string): void;
  /** True when a person is watching (progress bar, colours). */
  readonly isTTY: boolean;
  /** Terminal width when known. */
  readonly columns?: number;
}

/** The process surface every command uses; injected so commands never touch `process` directly. */
export interface CliIo {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Wall clock (ms since the epoch), for run folder names. */
  readonly wallClock: () => number;
  /** Monotonic clock (ms), for progress throttling. */
  readonly now: () => number;
  /**
   * SIGINT / SIGTERM while subscribed (the default handlers, which exit, are replaced only during a subscription),
   * and 'SIGPIPE' once when the reader of stdout or stderr went away (EPIPE; later writes to it are dropped).
   */
  readonly signals$: Observable<'SIGINT' | 'SIGTERM' | 'SIGPIPE'>;
  /** Ends the process at once (a second Ctrl-C). */
  readonly exit: (code: number) => never;
}

// EXIT.brokenPipe; not imported, so this file stays free of the commands' modules.
const EXIT_BROKEN_PIPE = 141;

const textStream = (stream: NodeJS.WriteStream, closed: () => boolean): TextStream => ({
  write: (text) => void (closed() ? undefined : stream.write(text)),
  get isTTY() {
    return stream.isTTY === true;
  },
  get columns() {
    return stream.columns;
  },
});

/** The real process's CliIo, and whether a reader closed stdout or stderr early. */
export interface ProcessIo extends CliIo {
  /** True once a write to stdout or stderr failed with EPIPE: the output was cut short (exit 141, as after SIGPIPE). */
  readonly pipeClosed: () => boolean;
}

/** The real process: stdout, stderr, env, cwd, clocks and signals. */
export function processIo(): ProcessIo {
  // A closed pipe (`clearprop … | head`) is not an error worth a stack trace, nor a success: the run is told (a
  // 'SIGPIPE' on signals$, so train stops cleanly and writes its files), output to it is dropped, and the process
  // exits 141 unless it already failed otherwise.
  const closed = new Set<NodeJS.WriteStream>();
  const onPipeClosed = new Set<() => void>();
  const watch = (stream: NodeJS.WriteStream) => stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (closed.has(stream)) return;
    closed.add(stream);
    if (!process.exitCode) process.exitCode = EXIT_BROKEN_PIPE;
    if (closed.size === 1) for (const notify of onPipeClosed) notify();
  });
  let signals: Observable<'SIGINT' | 'SIGTERM' | 'SIGPIPE'> | undefined;
  watch(process.stdout);
  watch(process.stderr);
  return {
    pipeClosed: () => closed.size > 0,
    stdout: textStream(process.stdout, () => closed.has(process.stdout)),
    stderr: textStream(process.stderr, () => closed.has(process.stderr)),
    env: process.env,
    cwd: process.cwd(),
    wallClock: () => Date.now(),
    now: () => performance.now(),
    exit: (code) => process.exit(code),
    get signals$() {
      return (signals ??= processSignals(onPipeClosed, () => closed.size > 0));
    },
  };
}

// Built on first use (by a command, which has loaded rxjs by then), so --help and --version never load rxjs (about
// a third of the start-up time). createRequire returns the very module an ESM import of rxjs gets in Node: rxjs 7's
// exports map sends both the "node" import and "require" to the same CommonJS build. A subscriber that comes after
// the pipe closed still hears 'SIGPIPE' at once.
function processSignals(onPipeClosed: Set<() => void>, pipeClosed: () => boolean): Observable<'SIGINT' | 'SIGTERM' | 'SIGPIPE'> {
  const { Observable: Rx } = createRequire(import.meta.url)('rxjs') as typeof import('rxjs');
  return new Rx((subscriber) => {
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => subscriber.next(signal);
    const onPipe = () => subscriber.next('SIGPIPE');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    onPipeClosed.add(onPipe);
    if (pipeClosed()) onPipe();
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      onPipeClosed.delete(onPipe);
    };
  });
}
