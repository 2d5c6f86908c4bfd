/** Process exit codes of the runner (documented in docs/runner.md). */
export const EXIT = {
  /** Completed, or stopped early by early stopping. */
  ok: 0,
  /** Bad input: config, data or model file. */
  badInput: 1,
  /** Bad command line. */
  usage: 2,
  /** Numerical failure: the loss became NaN/∞, or a gradient check exceeded its tolerance. */
  numeric: 3,
  /** Interrupted by SIGINT/SIGTERM (after writing a checkpoint). */
  interrupted: 130,
  /** The reader of stdout or stderr went away (EPIPE, as a shell reports SIGPIPE): the output was cut short. */
  brokenPipe: 141,
} as const;

/** One of the runner's exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command-line mistake the parser cannot see (conflicting flags, a bad file extension); exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Bad input the runner itself detects (a CSV that does not match the model, a weights file for another net); exits 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

// Errors the libraries throw for bad user input; matched by name so the runner needs no class identity across packages.
const INPUT_ERRORS = new Set([
  'ConfigError', 'DataError', 'ModelFileError', 'TrainSpecError', 'ModelSpecError', 'ActivationSpecError',
  'ShapeError', 'NonFiniteError', 'InputError', 'RangeError', 'SessionError', 'SweepError', 'QueueError',
]);

/** Maps a thrown error to an exit code: usage errors (and conflicting session sources) → 2, everything else → 1. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof Error)) return EXIT.badInput;
  const usage = error.name === 'UsageError' || (error.name === 'SessionError' && (error as { kind?: string }).kind === 'usage');
  return usage ? EXIT.usage : EXIT.badInput;
}

/**
 * One-line message for an error: `error: <message>` for known input and usage errors (their messages name the file
 * and field), the stack for anything else, since that is a bug worth reporting.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error && (INPUT_ERRORS.has(error.name) || error.name === 'UsageError')) return `error: ${error.message}`;
  // A system error from a file operation the commands did not wrap themselves: still one line, with its path when known.
  if (error instanceof Error && /^E[A-Z0-9]+$/.test(String((error as NodeJS.ErrnoException).code))) return `error: ${error.message}`;
  return `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
