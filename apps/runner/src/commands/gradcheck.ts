import { resolveLoss, sequential } from '@clearprop/nn';
import { checkModelGradients, type GradientCheckRow } from '@clearprop/nn';
import { createRng, fromData } from '@clearprop/tensor';
import { checkModelLimits, plural } from '@clearprop/training';
import { EXIT, InputError, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { resolveExperiment } from '@clearprop/training/node';
import { sourceOf, type ExperimentFlags } from '../experiment-flags.ts';
import { gradcheckTable } from '../gradcheck-table.ts';

/** Flags of `clearprop gradcheck`. */
export interface GradcheckFlags extends ExperimentFlags {
  /** Rows of training data in the checked batch. */
  readonly rows: number;
  /** Largest acceptable relative error per tensor. */
  readonly tolerance: number;
  readonly json?: boolean;
}

/**
 * `clearprop gradcheck`: compares the analytic gradients of the experiment's model (freshly initialised from its seed)
 * with float64 central differences on the first rows of its training data, per layer and tensor.
 * Exits 3 when any tensor's relative error exceeds the tolerance.
 */
export async function gradcheckCommand(flags: GradcheckFlags, io: CliIo): Promise<ExitCode> {
  const { experiment, source } = await resolveExperiment(sourceOf(flags), io.cwd);
  const { spec } = experiment;
  // The size limits hold here too: the check's float64 copies would be the largest allocation of all.
  checkModelLimits(sequential(spec.model), spec.limits, (message) => new InputError(`${source}: ${message}`));
  const model = sequential(spec.model);
  const params = model.init(createRng(spec.seed));
  const rows = Math.min(flags.rows, spec.train.length);
  const x = fromData(spec.train.x.slice(0, rows * spec.train.features), [rows, spec.train.features]);
  const y = fromData(spec.train.y.slice(0, rows * spec.train.targets), [rows, spec.train.targets]);
  const report: GradientCheckRow[] = checkModelGradients(model, params, resolveLoss(spec.loss), x, y);
  const passed = report.every((r) => r.maxRelativeError <= flags.tolerance);
  if (flags.json) io.stdout.write(JSON.stringify({ experiment: experiment.name, architecture: model.describe(), loss: spec.loss, rows, tolerance: flags.tolerance, passed, tensors: report }) + '\n');
  else io.stdout.write(gradcheckTable(report, { tolerance: flags.tolerance, title: `${experiment.name}: ${model.describe()}, ${spec.loss}, ${plural(rows, 'row')}` }));
  return passed ? EXIT.ok : EXIT.numeric;
}
