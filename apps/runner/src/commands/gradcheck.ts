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
 * with float64 central differences on the first rows of its training data, per layer and tensor: the objective as
 * trained, data loss (weighted by class/sample weights) plus L1/L2 penalties. Dropout is off during the check (a
 * random mask would make the objective a different function at every evaluation).
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
  const weights = spec.train.weights ? fromData(spec.train.weights.slice(0, rows), [rows]) : undefined;
  const report: GradientCheckRow[] = checkModelGradients(model, params, resolveLoss(spec.loss), x, y, weights ? { weights } : {});
  const passed = report.every((r) => r.maxRelativeError <= flags.tolerance);
  const objective = { weighted: weights !== undefined, penalties: model.penalized, dropout: model.dropsUnits ? 'off during the check' : 'none' };
  if (flags.json) io.stdout.write(JSON.stringify({ experiment: experiment.name, architecture: model.describe(), loss: spec.loss, rows, ...objective, tolerance: flags.tolerance, passed, tensors: report }) + '\n');
  else io.stdout.write(gradcheckTable(report, { tolerance: flags.tolerance, title: `${experiment.name}: ${model.describe()}, ${spec.loss}${describeObjective(objective)}, ${plural(rows, 'row')}` }));
  return passed ? EXIT.ok : EXIT.numeric;
}

// `, class/sample-weighted + L1/L2 penalties, dropout off` — what the checked objective includes beyond the loss.
function describeObjective(objective: { readonly weighted: boolean; readonly penalties: boolean; readonly dropout: string }): string {
  const parts = [objective.weighted ? 'class/sample-weighted' : '', objective.penalties ? '+ L1/L2 penalties' : '', objective.dropout === 'none' ? '' : 'dropout off'];
  const shown = parts.filter((p) => p !== '');
  return shown.length === 0 ? '' : ` (${shown.join(', ')})`;
}
