// Fuzz target for the runner's flag parser: parse only (every action replaced), never --help.
import { CommanderError, type Command } from 'commander';
import fc from 'fast-check';
import { DECIMAL } from '@clearprop/data';
import { expectTypedOutcome, fuzzTarget, type FuzzTarget } from '@clearprop/data/testing';
import { buildProgram } from '../src/cli.ts';
import { fakeIo } from './fake-io.ts';

const commands = ['train', 'eval', 'predict', 'gradcheck', 'inspect', 'convert', 'trian', ''];
const flags = [
  '-c', '--config', '-p', '--preset', '--epochs', '--batch-size', '--lr', '--seed', '--no-shuffle', '--init', '--resume', '-o', '--out',
  '--out-dir', '--events', '--json', '-q', '--quiet', '--kernels', '-m', '--model', '-d', '--data', '--target', '--spec', '--rows',
  '--tolerance', '--max-parameters', '--epochs=3', '--lr=0x10', '--seed=', '--rows=1e1', '-x', '--', '-', '--unknown',
];
const values = fc.oneof(
  fc.constantFrom('', '0', '1', '-1', '1.5', '1e20', '1e2', '.5', '0x10', '0b1', 'NaN', 'Infinity', ' 3', '4294967296', 'iris', 'xor', 'wasm', 'ts', 'a.json', 'm.safetensors', 'x.npz', '-'),
  fc.string({ maxLength: 8 }),
);
const argv = fc.tuple(fc.constantFrom(...commands), fc.array(fc.oneof(fc.constantFrom(...flags), values), { maxLength: 8 }))
  .map(([command, rest]) => (command === '' ? rest : [command, ...rest]));

const NUMERIC = new Set(['--epochs', '--batch-size', '--lr', '--seed', '--rows', '--tolerance', '--max-parameters']);

// The texts given to numeric flags, as `--flag value` or `--flag=value` (stopping at `--`, after which nothing is a flag).
function numericTexts(args: readonly string[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    if (!NUMERIC.has(flag)) continue;
    if (inline !== undefined) texts.push(inline);
    else if (i + 1 < args.length) texts.push(args[++i]);
  }
  return texts;
}

type Parsed = { readonly command: string; readonly options: Record<string, unknown> } | undefined;

/** Parses `args` with the real program whose actions only record the parsed options. */
async function parse(args: readonly string[]): Promise<Parsed> {
  const program: Command = buildProgram(fakeIo('/nonexistent'), () => undefined);
  let parsed: Parsed;
  for (const command of program.commands) {
    command.action((...received: unknown[]) => {
      const options = received.find((r, i) => i < received.length - 1 && typeof r === 'object' && r !== null && !Array.isArray(r)) as Record<string, unknown>;
      parsed = { command: command.name(), options: options ?? {} };
    });
  }
  await program.parseAsync([...args], { from: 'user' });
  return parsed;
}

const ranges: Record<string, (v: number) => boolean> = {
  epochs: (v) => Number.isInteger(v) && v >= 0,
  batchSize: (v) => Number.isInteger(v) && v >= 1,
  lr: (v) => Number.isFinite(v) && v > 0,
  seed: (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff,
  rows: (v) => Number.isInteger(v) && v >= 1,
  tolerance: (v) => Number.isFinite(v) && v >= 0,
  maxParameters: (v) => Number.isSafeInteger(v) && v >= 1,
};

/** The flag parser: any argv is a CommanderError (usage) or options whose numbers are in their documented ranges. */
export const cliFuzzTargets: readonly FuzzTarget<unknown>[] = [
  fuzzTarget<string[]>({
    name: 'cli: flag parser',
    arbitrary: argv,
    async check(args) {
      let outcome: { readonly parsed: Parsed } | { readonly error: unknown };
      try {
        outcome = { parsed: await parse(args) };
      } catch (error) {
        outcome = { error };
      }
      expectTypedOutcome(() => {
        if ('error' in outcome) throw outcome.error;
        return outcome.parsed;
      }, [CommanderError], (parsed) => {
        for (const [key, inRange] of Object.entries(ranges)) {
          const value = parsed?.options[key];
          if (value !== undefined && !(typeof value === 'number' && inRange(value))) throw new Error(`--${key} parsed to ${String(value)}`);
        }
        // Decimal only: a numeric flag that parsed was given in plain decimal notation (never '', '0x10', ' 3').
        if (parsed) for (const text of numericTexts(args)) if (!DECIMAL.test(text)) throw new Error(`numeric flag value "${text}" was accepted`);
        // Commander's messages are multi-line by design and echo the user's own arguments, not file content.
      }, { cleanMessages: false });
    },
  }),
];
