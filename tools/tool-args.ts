// Command-line handling shared by tools/*.ts: node:util parseArgs in strict mode plus -h/--help. Help goes to stdout
// (exit 0); an unknown flag, a missing value or a bad one prints the message and the usage line (exit 2).
import { parseArgs } from 'node:util';

type Options = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean }>>;

/** Thrown by a tool's own validation of parsed values; reported like a parse error (usage line, exit 2). */
export class UsageError extends Error {}

/**
 * Parses `process.argv` for a tool. `usage` is one line (`usage: ./tools/x.ts [--flag]`); `help` follows it
 * under --help. `validate` may throw UsageError for values parseArgs cannot judge (numbers, names).
 */
export function toolArgs<const O extends Options, R>(
  spec: { readonly name: string; readonly usage: string; readonly help: string; readonly options: O; readonly positionals?: boolean },
  validate: (parsed: ReturnType<typeof parseArgs<{ options: O; allowPositionals: boolean; strict: true }>>) => R,
): R {
  try {
    const parsed = parseArgs({ options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: spec.positionals ?? false, strict: true });
    if ((parsed.values as Record<string, unknown>).help === true) {
      console.log(`${spec.usage}\n\n${spec.help}`);
      process.exit(0);
    }
    return validate(parsed as never);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${spec.name}: ${error.message}\n${spec.usage}`);
    process.exit(2);
  }
}
