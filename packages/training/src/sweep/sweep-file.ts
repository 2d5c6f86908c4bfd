import { resolveLoss } from '@clearprop/nn';
import { excerpt } from '@clearprop/data';
import { z } from 'zod';
import type { ExperimentConfig } from '../experiments/types.ts';
import { rungEpochs } from './asha.ts';
import { validateSpace } from './space.ts';
import { SweepError } from './sweep-error.ts';
import type { Domain, Objective, SweepDefinition } from './types.ts';

const pair = z.tuple([z.number().finite(), z.number().finite()]);
const domain = z.union([
  z.strictObject({ choice: z.array(z.unknown()).min(1) }),
  z.strictObject({ uniform: pair }),
  z.strictObject({ loguniform: pair }),
  z.strictObject({ int: z.tuple([z.number().int(), z.number().int()]) }),
]);

/** The zod schema of a sweep file (documented in docs/sweeps.md). Unknown keys are errors. */
export const sweepFileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  space: z.record(z.string(), domain).refine((s) => Object.keys(s).length > 0, { message: 'give at least one config path to search over' }),
  search: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('grid') }),
    z.strictObject({ method: z.literal('random'), samples: z.number().int().positive(), seed: z.number().int().optional() }),
  ]),
  objective: z.strictObject({ metric: z.string().regex(/^(train|validation)\.[A-Za-z0-9]+$/, 'expected "<split>.<metric>", split train or validation (e.g. "validation.accuracy")'), mode: z.enum(['min', 'max']).optional() }).optional(),
  parallel: z.number().int().positive().optional(),
  prune: z.strictObject({ method: z.literal('asha'), minEpochs: z.number().int().positive(), reduction: z.number().min(2), maxEpochs: z.number().int().positive().optional() }).optional(),
  cv: z.number().int().min(2).optional(),
});

/** The raw sweep file after its schema: `base` is still a path or an unparsed object. */
export type SweepFile = z.infer<typeof sweepFileSchema>;

/** Metrics a trial can be judged by, per task; the direction a mode defaults to. */
export const OBJECTIVE_METRICS = { classification: ['loss', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'logLoss'], regression: ['loss', 'mse', 'r2'] } as const;
const MAXIMIZED = new Set(['accuracy', 'precision', 'recall', 'f1', 'auc', 'r2']);

/** Checks a sweep file's shape and returns it typed; throws SweepError naming the file and the field. */
export function checkSweepFile(raw: unknown, file: string): SweepFile {
  const result = sweepFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = excerpt(issue.path.map((p, i) => (i === 1 && issue.path[0] === 'space' ? `."${String(p)}"` : typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), 80);
  const detail = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${excerpt(k, 40)}"`).join(', ')}`
    : issue.code === 'invalid_union' && issue.path[0] === 'space' ? 'expected one of { choice: [...] }, { uniform: [a, b] }, { loguniform: [a, b] }, { int: [a, b] }'
    : issue.message;
  throw new SweepError(file, field, detail);
}

/**
 * Validates a checked sweep file against its parsed base experiment and returns the definition: every space path
 * exists in the config schema and every value it can take gives a valid config; ranges have a ≤ b, log-uniform
 * bounds are > 0; grid search has only choice and int domains; the objective fits the task and the data.
 */
export function defineSweep(file: SweepFile, base: ExperimentConfig, options: { readonly source: string; readonly name: string }): SweepDefinition {
  const { source } = options;
  const space = Object.entries(file.space).map(([path, d]) => ({ path, domain: toDomain(d) }));
  validateSpace(space, base, { source, grid: file.search.method === 'grid' });
  const objective = objectiveOf(file, base, source);
  const prune = file.prune && { minEpochs: file.prune.minEpochs, reduction: file.prune.reduction, maxEpochs: file.prune.maxEpochs ?? base.epochs };
  if (prune && space.some((s) => s.path === 'epochs')) throw new SweepError(source, 'space."epochs"', 'prune sets the epochs of every trial (prune.maxEpochs); remove epochs from the space');
  if (prune && objective.split === 'train' && objective.metric !== 'loss') {
    throw new SweepError(source, 'objective.metric', `train.${objective.metric} is only known at the end of a run, so pruning cannot judge it at a rung; use validation.${objective.metric} or train.loss`);
  }
  if (prune && rungEpochs(prune).length === 0) throw new SweepError(source, 'prune.minEpochs', `${prune.minEpochs} is not below maxEpochs ${prune.maxEpochs}: there is no rung to stop trials at`);
  return {
    name: file.name ?? options.name, ...(file.description === undefined ? {} : { description: file.description }), base, space,
    search: file.search.method === 'grid' ? { method: 'grid' } : { method: 'random', samples: file.search.samples, seed: file.search.seed ?? 1 },
    objective, ...(file.parallel === undefined ? {} : { parallel: file.parallel }), ...(prune ? { prune } : {}), ...(file.cv === undefined ? {} : { cv: file.cv }),
  };
}

function toDomain(d: SweepFile['space'][string]): Domain {
  if ('choice' in d) return { kind: 'choice', values: d.choice };
  if ('uniform' in d) return { kind: 'uniform', low: d.uniform[0], high: d.uniform[1] };
  if ('loguniform' in d) return { kind: 'loguniform', low: d.loguniform[0], high: d.loguniform[1] };
  return { kind: 'int', low: d.int[0], high: d.int[1] };
}

function objectiveOf(file: SweepFile, base: ExperimentConfig, source: string): Objective {
  const [split, metric] = (file.objective?.metric ?? 'validation.loss').split('.') as ['train' | 'validation', string];
  const task = base.data.task ?? resolveLoss(base.loss).task;
  const allowed: readonly string[] = OBJECTIVE_METRICS[task];
  if (!allowed.includes(metric)) throw new SweepError(source, 'objective.metric', `"${metric}" is not a ${task} metric; use one of ${allowed.map((m) => `${split}.${m}`).join(', ')}`);
  const validated = file.cv !== undefined || base.data.validation !== undefined || (base.data.validationSplit ?? 0) > 0;
  if (split === 'validation' && !validated) {
    throw new SweepError(source, 'objective.metric', `${split}.${metric}: the base experiment has no validation data; add data.validationSplit or data.validation to it, or cv to the sweep`);
  }
  return { split, metric, mode: file.objective?.mode ?? (MAXIMIZED.has(metric) ? 'max' : 'min') };
}
