import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PRESET_NAMES, type ExperimentOverrides } from '@clearprop/training';
import { convertCommand } from './commands/convert.ts';
import { evalCommand } from './commands/eval.ts';
import { exportCommand } from './commands/export.ts';
import { gradcheckCommand } from './commands/gradcheck.ts';
import { inspectCommand } from './commands/inspect.ts';
import { predictCommand } from './commands/predict.ts';
import { sweepCommand } from './commands/sweep.ts';
import { workerCommand } from './commands/worker.ts';
import { trainCommand } from './commands/train.ts';
import { describeError, EXIT, exitCodeFor, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';

const integer = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${value}"`);
  return n;
};
const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
};
const nonNegative = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return n;
};

interface ExperimentOptions {
  config?: string;
  preset?: string;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  seed?: number;
  shuffle?: boolean;
}

const overridesOf = (o: ExperimentOptions): ExperimentOverrides => ({
  ...(o.epochs === undefined ? {} : { epochs: o.epochs }),
  ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
  ...(o.lr === undefined ? {} : { lr: o.lr }),
  ...(o.seed === undefined ? {} : { seed: o.seed }),
  ...(o.shuffle === false ? { shuffle: false } : {}),
});

function experimentOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'experiment config (.json, .yaml, .yml); data paths are relative to it')
    .addOption(new Option('-p, --preset <name>', 'a built-in experiment instead of a config').choices(PRESET_NAMES))
    .option('--epochs <n>', 'override the number of epochs', integer(0))
    .option('--batch-size <n>', 'override the batch size (≥ the row count means full batch)', integer(1))
    .option('--lr <rate>', 'override the learning rate', positive)
    .option('--seed <n>', 'override the seed (init, shuffling, splits)', integer(0));
}

const TRAIN_EXAMPLES = `
Examples:
  $ clearprop train                                   # the default experiment (preset sin)
  $ clearprop train --preset iris --epochs 50
  $ clearprop train --config wine.json --out-dir runs/wine --json
  $ clearprop train --preset xor --events - | jq -c 'select(.type == "epochEnd")'
  $ clearprop train --resume runs/wine/checkpoint.safetensors
  $ clearprop train --preset iris --cv 5                  # 5-fold cross-validation: mean ± std
Exit codes: 0 done, 1 bad input, 2 usage, 3 NaN/divergence, 130 interrupted (checkpoint written).`;

/** Builds the `clearprop` command line; each action reports its exit code through `done`. */
export function buildProgram(io: CliIo, done: (code: ExitCode) => void): Command {
  const program = new Command('clearprop')
    .description('Train and use small dense neural nets from the command line (headless; progress on stderr, results on stdout).')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
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
    .option('--cv <k>', 'k-fold cross-validation (stratified for classification): k runs, each validated on one fold; prints mean ± std', integer(2))
    .addOption(new Option('--kernels <set>', 'matrix kernels: ts (plain TypeScript reference), wasm (SIMD) or wasm2 (SIMD on 2 threads for large products); default wasm when available').choices(['ts', 'wasm', 'wasm2']))
    .addHelpText('after', TRAIN_EXAMPLES)
    .action(async (o: ExperimentOptions & { cv?: number; kernels?: 'ts' | 'wasm' | 'wasm2'; init?: string; resume?: string; out?: string; outDir?: string; events?: string; json?: boolean; quiet?: boolean }) => {
      done(await trainCommand({ ...o, overrides: overridesOf(o) }, io));
    });

  program.command('eval').description('evaluate a model on a CSV: loss and accuracy, or MSE and R²')
    .requiredOption('-m, --model <file>', 'model file (.safetensors, or .npz with --spec)')
    .requiredOption('-d, --data <csv>', 'CSV with the feature and target columns the model was trained on')
    .option('--target <column...>', 'target column(s), for model files without clearprop metadata')
    .option('--spec <file>', 'architecture for weights-only files (JSON model spec or a clearprop .safetensors)')
    .option('--json', 'print one JSON object (with "accuracy" for classification)')
    .addHelpText('after', '\nExample:\n  $ clearprop eval --model runs/iris/model.safetensors --data iris_test.csv --json')
    .action(async (o) => done(await evalCommand(o, io)));

  program.command('predict').description('write the model output for every row of a CSV')
    .requiredOption('-m, --model <file>', 'model file')
    .requiredOption('-d, --data <csv>', 'CSV with the feature columns (target columns are ignored)')
    .option('-o, --out <csv>', 'output file (written atomically); default stdout')
    .option('--spec <file>', 'architecture for weights-only files')
    .addOption(new Option('--kernels <set>', 'matrix kernels: ts (plain TypeScript reference) or wasm (SIMD); default wasm when available').choices(['ts', 'wasm']))
    .addHelpText('after', '\nExample:\n  $ clearprop predict --model runs/sin/model.safetensors --data xs.csv --out predictions.csv')
    .action(async (o) => done(await predictCommand(o, io)));

  experimentOptions(program.command('gradcheck').description("check the model's analytic gradients against float64 central differences"))
    .option('--rows <n>', 'rows of training data in the checked batch', integer(1), 8)
    .option('--tolerance <x>', 'largest acceptable relative error per tensor', nonNegative, 1e-5)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample:\n  $ clearprop gradcheck --config wine.json\nExits 3 when a tensor is over the tolerance.')
    .action(async (o: ExperimentOptions & { rows: number; tolerance: number; json?: boolean }) => {
      done(await gradcheckCommand({ ...o, overrides: overridesOf(o) }, io));
    });

  program.command('inspect').description('show a model file: architecture, parameter count, layers, metadata')
    .argument('<model>', 'model file (.safetensors or .npz)')
    .option('--allow-non-finite', 'load weights holding NaN or ±Infinity (to inspect a diverged model)')
    .option('--spec <file>', 'architecture for weights-only files')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ clearprop inspect runs/iris/model.safetensors')
    .action(async (file: string, o) => done(await inspectCommand(file, o, io)));

  program.command('convert').description('convert a model between safetensors and npz, or to ONNX (by extension)')
    .argument('<in>', 'source model file (.safetensors or .npz)')
    .argument('<out>', 'destination model file (.safetensors, .npz or .onnx)')
    .option('--spec <file>', 'architecture when <in> holds only weights (npz, PyTorch safetensors)')
    .option('--raw-inputs', 'ONNX: leave the normalization out of the graph (it is described in the metadata)')
    .addHelpText('after', '\nExamples:\n  $ clearprop convert runs/iris/model.safetensors iris.npz\n  $ clearprop convert runs/iris/model.safetensors iris.onnx')
    .action(async (input: string, output: string, o) => done(await convertCommand(input, output, o, io)));

  program.command('export').description('write a standalone JavaScript predict module (no imports) and its .d.ts')
    .argument('<model>', 'model file (.safetensors, or .npz with --spec)')
    .requiredOption('-o, --out <file>', 'module path: .mjs (ESM), .cjs (CommonJS) or .js with --format')
    .option('--format <format>', 'esm or cjs; default from the --out extension')
    .option('--spec <file>', 'architecture for weights-only files')
    .option('--raw-inputs', 'leave the normalization out (predict then takes scaled rows)')
    .addHelpText('after', '\nExample:\n  $ clearprop export runs/iris/model.safetensors --out predict.mjs')
    .action(async (model: string, o) => done(await exportCommand(model, o, io)));

  program.command('sweep').description('search hyperparameters: trials in parallel worker threads, or on a Redis queue for `clearprop worker`s')
    .option('-c, --config <file>', 'sweep file (.yaml, .yml, .json): base experiment, space, search, objective (docs/sweeps.md)')
    .option('--resume <dir>', 'continue a sweep folder: finished trials are kept, the others run (again)')
    .option('--parallel <n>', "trials at once; default the file's parallel, else the core count", integer(1))
    .option('--out-dir <dir>', 'sweep folder; default sweeps/<name>-<timestamp>/')
    .option('--queue <redis-url>', 'put the trials on a BullMQ queue in Redis (redis://host:port) for `clearprop worker`s')
    .option('--json', 'print a JSON summary instead of the leaderboard')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', SWEEP_EXAMPLES)
    .action(async (o) => done(await sweepCommand(o, io)));

  program.command('worker').description('run sweep trials from a Redis queue (start any number, on any machines)')
    .requiredOption('--queue <redis-url>', 'the queue the coordinator uses (redis://host:port)')
    .option('--concurrency <n>', 'trials at once, one thread each', integer(1), 1)
    .option('--work-dir <dir>', 'scratch folder for running trials; default <tmp>/clearprop-worker')
    .option('--stall-timeout <s>', "seconds before a dead worker's trial goes back to the queue (BullMQ lock duration)", positive, 30)
    .option('-q, --quiet', 'no log on stderr')
    .addHelpText('after', '\nExample:\n  $ clearprop worker --queue redis://10.0.0.5:6379 --concurrency 4\nExit codes: 1 Redis unreachable, 2 usage, 130 stopped by a signal.')
    .action(async (o) => done(await workerCommand(o, io)));

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
