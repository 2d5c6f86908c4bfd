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
  /** SIGINT / SIGTERM while subscribed; the default handlers (exit) are replaced only during a subscription. */
  readonly signals$: Observable<'SIGINT' | 'SIGTERM'>;
  /** Ends the process at once (a second Ctrl-C). */
  readonly exit: (code: number) => never;
}

const textStream = (stream: NodeJS.WriteStream): TextStream => ({
  write: (text) => void stream.write(text),
  get isTTY() {
    return stream.isTTY === true;
  },
  get columns() {
    return stream.columns;
  },
});

/** The real process: stdout, stderr, env, cwd, clocks and signals. */
export function processIo(): CliIo {
  // A closed pipe (`clearprop … | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: textStream(process.stdout),
    stderr: textStream(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    wallClock: () => Date.now(),
    now: () => performance.now(),
    exit: (code) => process.exit(code),
    get signals$() {
      return (signals ??= processSignals());
    },
  };
}

let signals: Observable<'SIGINT' | 'SIGTERM'> | undefined;

// Built on first use (by a command, which has loaded rxjs by then), so --help and --version never load rxjs (about
// a third of the start-up time). createRequire returns the very module an ESM import of rxjs gets in Node: rxjs 7's exports
// map sends both the "node" import and "require" to the same CommonJS build.
function processSignals(): Observable<'SIGINT' | 'SIGTERM'> {
  const { Observable: Rx } = createRequire(import.meta.url)('rxjs') as typeof import('rxjs');
  return new Rx((subscriber) => {
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => subscriber.next(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
}
