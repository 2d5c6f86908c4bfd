import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ExperimentOverrides } from '@clearprop/training';
import { parseDecimal, type NumberRange } from '@clearprop/data/decimal';
import { OVERRIDE_RANGES, PRESET_NAMES } from '@clearprop/training/presets';
import { describeError, EXIT, exitCodeFor, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';

// Commands are imported when they run: `--help`, `--version` and usage errors load commander and the preset list,
// not the training stack, the kernels or vega.

/** The runner's version, from its package.json (one level up from both src/ and dist/). */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Numeric flags are strict: plain decimal notation (no '', '0x10', ' 3' or 'Infinity'), finite, in range.
const numberIn = (range: NumberRange) => (value: string): number => {
  try {
    return parseDecimal(value, range);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

interface ExperimentOptions {
  config?: string;
  preset?: string;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  seed?: number;
  shuffle?: boolean;
  maxParameters?: number;
}

const overridesOf = (o: ExperimentOptions): ExperimentOverrides => ({
  ...(o.epochs === undefined ? {} : { epochs: o.epochs }),
  ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
  ...(o.lr === undefined ? {} : { lr: o.lr }),
  ...(o.seed === undefined ? {} : { seed: o.seed }),
  ...(o.shuffle === false ? { shuffle: false } : {}),
  ...(o.maxParameters === undefined ? {} : { maxParameters: o.maxParameters }),
});

function experimentOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'experiment config (.json, .yaml, .yml); data paths are relative to it')
    .addOption(new Option('-p, --preset <name>', 'a built-in experiment instead of a config').choices(PRESET_NAMES))
    .option('--epochs <n>', 'override the number of epochs', numberIn(OVERRIDE_RANGES.epochs))
    .option('--batch-size <n>', 'override the batch size (≥ the row count means full batch)', numberIn(OVERRIDE_RANGES.batchSize))
    .option('--lr <rate>', 'override the learning rate', numberIn(OVERRIDE_RANGES.lr))
    .option('--seed <n>', 'override the seed (init, shuffling, splits; 0…4294967295)', numberIn(OVERRIDE_RANGES.seed))
    .option('--max-parameters <n>', 'allow a model this large (default 10000000; config model.maxParameters)', numberIn(OVERRIDE_RANGES.maxParameters));
}

// Any plain decimal passes the parser: whether it makes a sweep is checked by the command (exit 1, as bad input).
const decimal = numberIn({});

const LR_FIND_EXAMPLES = `
Examples:
  $ clearprop lr-find --preset digits
  $ clearprop lr-find --config wine.json --min 1e-6 --max 1 --steps 200 --json
Runs the experiment's training from its initial weights, setting an exponentially growing learning rate every
batch, and stops when the smoothed loss passes 4× its minimum. Nothing is saved but lr-find.svg.
Exit codes: 0 done (with or without a suggestion), 1 bad input (a sweep that cannot run: --min ≥ --max,
--steps < 5, a rate ≤ 0), 2 usage.`;

const TRAIN_EXAMPLES = `
Examples:
  $ clearprop train                                   # the default experiment (preset sin)
  $ clearprop train --preset iris --epochs 50
  $ clearprop train --config wine.json --out-dir runs/wine --json
  $ clearprop train --preset xor --events - | jq -c 'select(.type == "epochEnd")'
  $ clearprop train --resume runs/wine/checkpoint.safetensors
  $ clearprop train --preset iris --cv 5                  # 5-fold cross-validation: mean ± std
Exit codes: 0 done, 1 bad input, 2 usage, 3 NaN/divergence, 130 interrupted, 141 output pipe closed (both with a checkpoint).`;

/** Builds the `clearprop` command line; each action reports its exit code through `done`. */
export function buildProgram(io: CliIo, done: (code: ExitCode) => void): Command {
  const program = new Command('clearprop')
    .description('Train and use small dense neural nets from the command line (headless; progress on stderr, results on stdout).')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  experimentOptions(program.command('train').description('train an experiment (default: the sin preset) and write its artifacts'))
    .option('--no-shuffle', 'keep the training rows in file order every epoch')
    .option('--init <weights>', 'start from these weights (.safetensors/.npz of the same architecture) instead of a random init')
    .option('--resume <checkpoint>', 'continue an interrupted run from its checkpoint (uses the config stored in it)')
    .option('-o, --out <model>', 'model file path (.safetensors or .npz); default <out-dir>/model.safetensors')
    .option('--out-dir <dir>', 'artifact folder; default runs/<name>-<timestamp>/')
    .option('--events <file|->', 'also write the event stream as NDJSON to a file, or to stdout with "-"')
    .option('--json', 'print the final summary as one JSON object on stdout')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--cv <k>', 'k-fold cross-validation (stratified for classification): k runs, each validated on one fold; prints mean ± std', numberIn({ integer: true, min: 2 }))
    .addOption(new Option('--kernels <set>', 'matrix kernels: ts (plain TypeScript reference), wasm (SIMD) or wasm2 (SIMD on 2 threads for large products); default wasm when available').choices(['ts', 'wasm', 'wasm2']))
    .addHelpText('after', TRAIN_EXAMPLES)
    .action(async (o: ExperimentOptions & { cv?: number; kernels?: 'ts' | 'wasm' | 'wasm2'; init?: string; resume?: string; out?: string; outDir?: string; events?: string; json?: boolean; quiet?: boolean }) => {
      const { trainCommand } = await import('./commands/train.ts');
      done(await trainCommand({ ...o, overrides: overridesOf(o) }, io));
    });

  experimentOptions(program.command('lr-find').description('learning-rate range test: sweep the rate over mini-batches and suggest one (the model is not saved)'))
    .option('--min <rate>', 'smallest learning rate of the sweep', decimal, 1e-7)
    .option('--max <rate>', 'largest learning rate of the sweep', decimal, 10)
    .option('--steps <n>', 'batches in the sweep (5 to 10000)', decimal, 100)
    .addOption(new Option('--suggest <rule>', 'how the rate is picked: valley (halfway down the longest descent, fastai) or steepest (steepest descent, Lightning)').choices(['valley', 'steepest']).default('valley'))
    .option('--init <weights>', 'start from these weights instead of a random init (same architecture)')
    .option('--out-dir <dir>', 'folder for lr-find.svg; default runs/<name>-lr-find-<timestamp>/')
    .option('--json', 'print the result (suggestedLr, the curve) as one JSON object on stdout')
    .option('-q, --quiet', 'no plot or progress on stderr')
    .addOption(new Option('--kernels <set>', 'matrix kernels: ts, wasm or wasm2 (as for train)').choices(['ts', 'wasm', 'wasm2']))
    .addHelpText('after', LR_FIND_EXAMPLES)
    .action(async (o: ExperimentOptions & { min: number; max: number; steps: number; suggest: 'valley' | 'steepest'; init?: string; outDir?: string; json?: boolean; quiet?: boolean; kernels?: 'ts' | 'wasm' | 'wasm2' }) => {
      const { lrFindCommand } = await import('./commands/lr-find.ts');
      done(await lrFindCommand({ ...o, overrides: overridesOf(o) }, io));
    });

  program.command('eval').description('evaluate a model on a CSV: loss and accuracy, or MSE and R²')
    .requiredOption('-m, --model <file>', 'model file (.safetensors, or .npz with --spec)')
    .requiredOption('-d, --data <csv>', 'CSV with the feature and target columns the model was trained on')
    .option('--target <column...>', 'target column(s), for model files without clearprop metadata')
    .option('--spec <file>', 'architecture for weights-only files (JSON model spec or a clearprop .safetensors)')
    .option('--json', 'print one JSON object (with "accuracy" for classification)')
    .addHelpText('after', '\nExample:\n  $ clearprop eval --model runs/iris/model.safetensors --data iris_test.csv --json')
    .action(async (o) => done(await (await import('./commands/eval.ts')).evalCommand(o, io)));

  program.command('predict').description('write the model output for every row of a CSV')
    .requiredOption('-m, --model <file>', 'model file')
    .requiredOption('-d, --data <csv>', 'CSV with the feature columns (target columns are ignored)')
    .option('-o, --out <csv>', 'output file (written atomically; through a symlink, straight into a FIFO); default stdout ("-")')
    .option('--spec <file>', 'architecture for weights-only files')
    .addOption(new Option('--kernels <set>', 'matrix kernels: ts (plain TypeScript reference) or wasm (SIMD); default wasm when available').choices(['ts', 'wasm']))
    .addHelpText('after', '\nExample:\n  $ clearprop predict --model runs/sin/model.safetensors --data xs.csv --out predictions.csv')
    .action(async (o) => done(await (await import('./commands/predict.ts')).predictCommand(o, io)));

  experimentOptions(program.command('gradcheck').description("check the model's analytic gradients against float64 central differences"))
    .option('--rows <n>', 'rows of training data in the checked batch', numberIn({ integer: true, min: 1 }), 8)
    .option('--tolerance <x>', 'largest acceptable relative error per tensor', numberIn({ min: 0 }), 1e-5)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample:\n  $ clearprop gradcheck --config wine.json\nExits 3 when a tensor is over the tolerance.')
    .action(async (o: ExperimentOptions & { rows: number; tolerance: number; json?: boolean }) => {
      const { gradcheckCommand } = await import('./commands/gradcheck.ts');
      done(await gradcheckCommand({ ...o, overrides: overridesOf(o) }, io));
    });

  program.command('inspect').description('show a model file: architecture, parameter count, layers, metadata')
    .argument('<model>', 'model file (.safetensors or .npz)')
    .option('--allow-non-finite', 'load weights holding NaN or ±Infinity (to inspect a diverged model)')
    .option('--spec <file>', 'architecture for weights-only files')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ clearprop inspect runs/iris/model.safetensors')
    .action(async (file: string, o) => done(await (await import('./commands/inspect.ts')).inspectCommand(file, o, io)));

  program.command('convert').description('convert a model between safetensors and npz, or to ONNX (by extension)')
    .argument('<in>', 'source model file (.safetensors or .npz)')
    .argument('<out>', 'destination model file (.safetensors, .npz or .onnx)')
    .option('--spec <file>', 'architecture when <in> holds only weights (npz, PyTorch safetensors)')
    .option('--raw-inputs', 'ONNX: leave the normalization out of the graph (it is described in the metadata)')
    .addHelpText('after', '\nExamples:\n  $ clearprop convert runs/iris/model.safetensors iris.npz\n  $ clearprop convert runs/iris/model.safetensors iris.onnx')
    .action(async (input: string, output: string, o) => done(await (await import('./commands/convert.ts')).convertCommand(input, output, o, io)));

  program.command('export').description('write a standalone JavaScript predict module (no imports) and its .d.ts')
    .argument('<model>', 'model file (.safetensors, or .npz with --spec)')
    .requiredOption('-o, --out <file>', 'module path: .mjs (ESM), .cjs (CommonJS) or .js with --format')
    .option('--format <format>', 'esm or cjs; default from the --out extension')
    .option('--spec <file>', 'architecture for weights-only files')
    .option('--raw-inputs', 'leave the normalization out (predict then takes scaled rows)')
    .addHelpText('after', '\nExample:\n  $ clearprop export runs/iris/model.safetensors --out predict.mjs')
    .action(async (model: string, o) => done(await (await import('./commands/export.ts')).exportCommand(model, o, io)));

  program.command('sweep').description('search hyperparameters: trials in parallel worker threads, or on a Redis queue for `clearprop worker`s')
    .option('-c, --config <file>', 'sweep file (.yaml, .yml, .json): base experiment, space, search, objective (docs/sweeps.md)')
    .option('--resume <dir>', 'continue a sweep folder: finished trials are kept, the others run (again)')
    .option('--parallel <n>', "trials at once; default the file's parallel, else the core count", numberIn({ integer: true, min: 1 }))
    .option('--out-dir <dir>', 'sweep folder; default sweeps/<name>-<timestamp>/')
    .option('--queue <redis-url>', 'put the trials on a BullMQ queue in Redis (redis://host:port) for `clearprop worker`s')
    .option('--json', 'print a JSON summary instead of the leaderboard')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', SWEEP_EXAMPLES)
    .action(async (o) => done(await (await import('./commands/sweep.ts')).sweepCommand(o, io)));

  program.command('worker').description('run sweep trials from a Redis queue (start any number, on any machines)')
    .requiredOption('--queue <redis-url>', 'the queue the coordinator uses (redis://host:port)')
    .option('--concurrency <n>', 'trials at once, one thread each', numberIn({ integer: true, min: 1 }), 1)
    .option('--work-dir <dir>', 'scratch folder for running trials; default <tmp>/clearprop-worker')
    .option('--stall-timeout <s>', "seconds before a dead worker's trial goes back to the queue (BullMQ lock duration)", numberIn({ above: 0 }), 30)
    .option('-q, --quiet', 'no log on stderr')
    .addHelpText('after', '\nExample:\n  $ clearprop worker --queue redis://10.0.0.5:6379 --concurrency 4\nExit codes: 1 Redis unreachable, 2 usage, 130 stopped by a signal.')
    .action(async (o) => done(await (await import('./commands/worker.ts')).workerCommand(o, io)));

  return program;
}

const SWEEP_EXAMPLES = `
Examples:
  $ clearprop sweep --config sweep.yaml --parallel 2
  $ clearprop sweep --resume sweeps/wine-lr-20260101-120000
  $ clearprop sweep --config sweep.yaml --queue redis://127.0.0.1:6379     # then: clearprop worker --queue …
Writes sweep.json, sweep.ndjson, trials.csv, best.json and trials/<id>/ (one run folder per trial or fold).
Exit codes: 0 done, 1 bad input (or every trial failed), 2 usage, 130 interrupted (resume with --resume).`;

/** Parses `argv` (without node and script), runs the command and returns its exit code; errors are printed, never thrown. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    io.stderr.write(describeError(error) + '\n');
    return exitCodeFor(error);
  }
}
