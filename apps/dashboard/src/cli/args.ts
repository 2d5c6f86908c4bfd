import { parseArgs } from 'node:util';
import { parseDecimal, type NumberRange } from '@clearprop/data/decimal';
import type { ExperimentOverrides } from '@clearprop/training';
import { OVERRIDE_RANGES } from '@clearprop/training/presets';

/** What the command line asks for. */
export type DashboardArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'train';
      /** A config file, else a preset name (else the default preset). */
      readonly config?: string;
      readonly preset?: string;
      readonly overrides: ExperimentOverrides;
      readonly out?: string;
      readonly outDir?: string;
      readonly plain: boolean;
    }
  | { readonly kind: 'follow'; readonly path: string; readonly plain: boolean }
  | { readonly kind: 'replay'; readonly path: string; readonly speed: number; readonly plain: boolean };

/** A command-line mistake; main prints it with the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The usage text. */
export const USAGE = `usage: clearprop-dashboard [options]      (in the repository: npm run dashboard -- [options])

  (no mode)               train the default experiment (preset sin) and watch it live
  --preset <name>         train a built-in experiment (sin, xor, moons, spirals, iris, digits, …)
  --config <file>         train an experiment from a JSON/YAML config
  --follow <events.ndjson>  watch a run a runner is writing (runner train --events <file>)
  --follow <sweeps/dir>   watch a sweep: leaderboard and objective curves of running trials
  --replay <events.ndjson>  play a finished run back; --speed <x> (default 1, "max" = instant)

  --epochs <n> --batch-size <n> --lr <x> --seed <n>   override the experiment
  --out <file.safetensors>  where q (or the end of the run) writes the final model
                            (default <out-dir>/model.safetensors)
  --out-dir <dir>         the run folder: events.ndjson, metrics.csv, config.json, checkpoints
                            (default runs/<name>-<timestamp>/, as the runner)
  --plain                 no TUI: print runner-style lines (works without a terminal)
  -h, --help              this text
  -V, --version           print the version

keys: p pause/resume · +/- learning rate ×2/÷2 (replay: speed) · s checkpoint · l log scale
      tab cycle views · q quit (stop, write the model, exit 0) · ? help`;

// Strict, as the runner's flags: plain decimal notation (no '', '0x10' or 'Infinity'), finite, in range.
const number = (name: string, text: string | undefined, range: NumberRange): number | undefined => {
  if (text === undefined) return undefined;
  try {
    return parseDecimal(text, range);
  } catch (error) {
    throw new UsageError(`--${name}: ${(error as Error).message}`);
  }
};

/** Parses the dashboard's command line; throws UsageError for unknown or conflicting options. Pure. */
export function parseDashboardArgs(argv: readonly string[]): DashboardArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' }, preset: { type: 'string' }, follow: { type: 'string' }, replay: { type: 'string' },
        speed: { type: 'string' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' }, lr: { type: 'string' },
        seed: { type: 'string' }, out: { type: 'string' }, 'out-dir': { type: 'string' }, plain: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = (name: string) => values[name] as string | undefined;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const plain = values.plain === true;
  const modes = (['config', 'preset', 'follow', 'replay'] as const).filter((name) => values[name] !== undefined);
  if (modes.length > 1) throw new UsageError(`choose one of --config, --preset, --follow, --replay (got ${modes.map((m) => `--${m}`).join(' and ')})`);
  const trainOnly = ['epochs', 'batch-size', 'lr', 'seed', 'out', 'out-dir'].filter((name) => values[name] !== undefined);
  const follow = text('follow');
  const replay = text('replay');
  if ((follow || replay) && trainOnly.length > 0) throw new UsageError(`--${trainOnly[0]} applies to training, not to --${follow ? 'follow' : 'replay'}`);
  if (text('speed') !== undefined && !replay) throw new UsageError('--speed applies to --replay only');
  if (follow) return { kind: 'follow', path: follow, plain };
  if (replay) {
    const speed = text('speed') === 'max' ? Infinity : number('speed', text('speed'), { above: 0 }) ?? 1;
    return { kind: 'replay', path: replay, speed, plain };
  }
  const overrides: Record<string, number> = {};
  for (const [flag, key] of [['epochs', 'epochs'], ['batch-size', 'batchSize'], ['lr', 'lr'], ['seed', 'seed']] as const) {
    const value = number(flag, text(flag), OVERRIDE_RANGES[key]);
    if (value !== undefined) overrides[key] = value;
  }
  return {
    kind: 'train', plain, overrides: overrides as ExperimentOverrides,
    ...(text('config') ? { config: text('config') } : {}), ...(text('preset') ? { preset: text('preset') } : {}), ...(text('out') ? { out: text('out') } : {}), ...(text('out-dir') ? { outDir: text('out-dir') } : {}),
  };
}
