import fc from 'fast-check';

/** A reader under fuzz: inputs to generate, and the check that one input got a typed error or a valid result. */
export interface FuzzTarget<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Runs the reader on `input`; returns for a valid result or an expected typed error, throws for anything else. */
  readonly check: (input: T) => void | Promise<void>;
}

/** Erases a target's input type, so targets of different inputs fit in one list. */
export function fuzzTarget<T>(target: FuzzTarget<T>): FuzzTarget<unknown> {
  return { name: target.name, arbitrary: target.arbitrary as fc.Arbitrary<unknown>, check: (input) => target.check(input as T) };
}

/** How long or how often to run a target. */
export interface FuzzRunOptions {
  /** fast-check seed; CI passes a fixed one so a run is reproducible. */
  readonly seed: number;
  /** Inputs to try. @defaultValue unbounded when timeLimitMs is given, else 100 */
  readonly numRuns?: number;
  /** Stop (successfully) after this long; for `tools/fuzz.ts --minutes`. */
  readonly timeLimitMs?: number;
}

/** Runs `target`, throwing fast-check's report (seed, path and the shrunk counterexample) on a failure. */
export async function runFuzzTarget<T>(target: FuzzTarget<T>, options: FuzzRunOptions): Promise<fc.RunDetails<[T]>> {
  const property = fc.asyncProperty(target.arbitrary, async (input) => {
    await target.check(input);
  });
  const parameters: fc.Parameters<[T]> = {
    seed: options.seed,
    numRuns: options.numRuns ?? (options.timeLimitMs === undefined ? 100 : Number.MAX_SAFE_INTEGER),
    ...(options.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false }),
  };
  const details = await fc.check(property, parameters);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.stack ?? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${target.name}: ${fc.defaultReportMessage(details) ?? 'failed'}\nError: ${cause}`);
  }
  return details;
}

// The longest message a typed error may have: file name, location, a 120-character excerpt and the explanation.
const MAX_MESSAGE = 600;

/**
 * Calls `read` and accepts either a result (passed to `validate`) or an error of one of `types` whose message is
 * short and (unless `cleanMessages` is false) free of control characters; anything else (a TypeError, a RangeError
 * from a typed array, …) is rethrown.
 */
export function expectTypedOutcome<R>(
  read: () => R,
  types: readonly (abstract new (...args: never[]) => Error)[],
  validate: (result: R) => void,
  options: { readonly cleanMessages?: boolean } = {},
): void {
  let result: R;
  try {
    result = read();
  } catch (error) {
    if (!types.some((type) => error instanceof type)) throw error;
    const message = (error as Error).message;
    if (message.length > MAX_MESSAGE) throw new Error(`message of ${message.length} characters: ${message.slice(0, 200)}…`);
    if (options.cleanMessages !== false && /[\u0000-\u001f\u007f-\u009f]/.test(message)) throw new Error(`message with control characters: ${JSON.stringify(message.slice(0, 200))}`);
    return;
  }
  validate(result);
}

/** Mutations of a valid input: bit flips, byte overwrites, cuts, insertions and deletions, 1 to 4 of them. */
export function mutatedBytes(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
  );
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([bytes, edits]) => {
    let out = bytes;
    for (const e of edits) {
      const at = out.length === 0 ? 0 : e.at % out.length;
      if (e.kind === 'flip') (out = out.slice())[at] ^= 1 << e.bit;
      else if (e.kind === 'set') (out = out.slice())[at] = e.value;
      else if (e.kind === 'cut') out = out.slice(0, at);
      else if (e.kind === 'insert') out = concat(out.subarray(0, at), e.bytes, out.subarray(at));
      else out = concat(out.subarray(0, at), out.subarray(at + e.count));
    }
    return out;
  });
}

/** The bytes of `parts` one after the other, in a new array. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
