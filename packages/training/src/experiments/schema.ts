import { ACTIVATION_NAMES, ACTIVATIONS, INITIALIZER_NAMES, LOSS_NAMES, resolveActivation, resolveLoss, type ActivationName } from '@clearprop/nn';
import { MONITORS } from '../operators/monitor.ts';
import { excerpt, excerptList } from '@clearprop/data';
import { z } from 'zod';
import { checkConfig } from './config-checks.ts';
import type { ExperimentConfig } from './types.ts';

/** Thrown for an invalid experiment config; the message names the file, the field path and what is allowed. */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, detail: string) {
    super(`${file}: ${field === '' ? '' : `${field}: `}${detail}`);
    this.file = file;
    this.field = field;
  }
}

const activationName = z.enum(ACTIVATION_NAMES as [string, ...string[]]);
const positiveInt = z.number().int().positive();
const fraction = z.number().min(0).max(0.9);
const penalty = z.number().finite().min(0, 'must be a number ≥ 0 (a penalty weight λ)');
const regularization = z.strictObject({ l1: penalty.optional(), l2: penalty.optional() });

const layer = z.strictObject({
  units: positiveInt,
  activation: z.union([activationName, z.strictObject({ name: activationName, alpha: z.number().finite().optional() })]),
  init: z.enum(INITIALIZER_NAMES as [string, ...string[]]).optional(),
  biasInit: z.enum(['zeros', ...INITIALIZER_NAMES] as [string, ...string[]]).optional(),
  alpha: z.number().finite().optional(),
  regularization: regularization.optional(),
  dropout: z.number().min(0, 'must be in [0, 1) (the probability of dropping a unit)').lt(1, 'must be in [0, 1) (the probability of dropping a unit)').optional(),
}).superRefine((l, context) => {
  // Only activations with an alpha trait take one; resolveActivation says so (and which do) from the registry.
  const inner = typeof l.activation === 'string' ? undefined : l.activation.alpha;
  const alpha = l.alpha ?? inner;
  if (alpha === undefined) return;
  const name = (typeof l.activation === 'string' ? l.activation : l.activation.name) as ActivationName;
  try {
    resolveActivation({ name, alpha });
  } catch (error) {
    context.addIssue({ code: 'custom', path: l.alpha === undefined ? ['activation', 'alpha'] : ['alpha'], message: (error as Error).message });
  }
});

const schedule = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('constant') }),
  z.strictObject({ name: z.literal('poly'), power: z.number().min(0).optional(), totalSteps: positiveInt.optional() }),
  z.strictObject({ name: z.literal('step'), stepSize: positiveInt, gamma: z.number().positive().optional() }),
  z.strictObject({ name: z.literal('exponential'), decayRate: z.number().positive(), decaySteps: positiveInt }),
  z.strictObject({ name: z.literal('cosine'), alpha: z.number().min(0).max(1).optional(), totalSteps: positiveInt.optional() }),
]);

const monitor = z.enum(MONITORS as unknown as [string, ...string[]]);

/** The zod schema of an experiment config (documented in docs/config.md). Unknown keys are errors, to catch typos. */
export const experimentSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  data: z.strictObject({
    builtin: z.enum(['sin', 'xor', 'moons', 'spirals', 'iris', 'digits', 'wine', 'breastCancer']).optional(),
    train: z.string().min(1).optional(),
    validation: z.string().min(1).optional(),
    test: z.string().min(1).optional(),
    target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    task: z.enum(['regression', 'classification']).optional(),
    standardize: z.boolean().optional(),
    minMax: z.boolean().optional(),
    validationSplit: fraction.optional(),
    testSplit: fraction.optional(),
    stratify: z.boolean().optional(),
    samples: positiveInt.optional(),
    noise: z.number().min(0).optional(),
    maxClasses: positiveInt.optional(),
    maxRowBytes: positiveInt.optional(),
    fold: z.strictObject({ index: positiveInt, count: z.number().int().min(2) }).optional(),
    classWeight: z.union([z.literal('balanced'), z.record(z.string(), z.number().finite().min(0, 'must be a number ≥ 0'))]).optional(),
    sampleWeight: z.string().min(1).optional(),
  }).refine((d) => (d.builtin === undefined) !== (d.train === undefined), { message: 'give exactly one of "builtin" or "train"' })
    .refine((d) => d.fold === undefined || d.fold.index <= d.fold.count, { message: 'fold.index must be in 1…fold.count', path: ['fold', 'index'] })
    .refine((d) => d.fold === undefined || (d.validation === undefined && d.validationSplit === undefined), {
      message: 'fold (cross-validation) takes its validation rows from the folds; remove "validation" and "validationSplit"', path: ['fold'],
    })
    .refine((d) => d.sampleWeight === undefined || d.train !== undefined, { message: 'sampleWeight names a CSV column: it needs "train" (a CSV), not a builtin set', path: ['sampleWeight'] }),
  model: z.strictObject({ layers: z.array(layer).min(1), maxUnits: positiveInt.optional(), maxParameters: positiveInt.optional() }),
  regularization: regularization.optional(),
  threshold: z.number().gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)').optional(),
  loss: z.enum(LOSS_NAMES as [string, ...string[]]),
  optimizer: z.strictObject({
    name: z.enum(['sgd', 'adam', 'adamw']),
    lr: z.number().positive().finite(),
    momentum: z.number().min(0).lt(1).optional(),
    nesterov: z.boolean().optional(),
    b1: z.number().min(0).lt(1).optional(),
    b2: z.number().min(0).lt(1).optional(),
    eps: z.number().positive().optional(),
    weightDecay: z.number().min(0).optional(),
    clipNorm: z.number().positive().optional(),
    schedule: schedule.optional(),
    warmupSteps: z.number().int().min(0).optional(),
  }),
  batchSize: positiveInt,
  epochs: z.number().int().min(0),
  seed: z.number().int().min(0).max(0xffffffff), // MAX_SEED (overrides.ts)
  shuffle: z.boolean().optional(),
  dropRemainder: z.boolean().optional(),
  earlyStopping: z.strictObject({
    monitor: monitor.optional(), mode: z.enum(['min', 'max']).optional(), patience: positiveInt.optional(),
    minDelta: z.number().min(0).optional(), restoreBestWeights: z.boolean().optional(),
  }).optional(),
  reduceLrOnPlateau: z.strictObject({
    monitor: monitor.optional(), mode: z.enum(['min', 'max']).optional(), factor: z.number().gt(0).lt(1).optional(),
    patience: positiveInt.optional(), minDelta: z.number().min(0).optional(), cooldown: z.number().int().min(0).optional(), minLr: z.number().min(0).optional(),
  }).optional(),
}).superRefine(checkOutputs);

// Rules that tie the output layer to the task: what a single unit means, where dropout and a threshold make sense.
function checkOutputs(config: { readonly model: { readonly layers: readonly { readonly units: number; readonly activation: unknown; readonly dropout?: number | undefined }[] }; readonly loss: string; readonly threshold?: number | undefined; readonly data: { readonly task?: string | undefined; readonly classWeight?: unknown } }, context: z.RefinementCtx): void {
  const layers = config.model.layers;
  const last = layers.length - 1;
  const output = layers[last];
  const name = (typeof output.activation === 'string' ? output.activation : (output.activation as { name: string }).name) as ActivationName;
  const task = config.data.task ?? (LOSS_NAMES.includes(config.loss as never) ? resolveLoss(config.loss).task : undefined);
  if (ACTIVATIONS[name]?.traits.classProbabilities && output.units === 1) {
    context.addIssue({ code: 'custom', path: ['model', 'layers', last, 'units'], message: `${name} over 1 unit always outputs 1; for two classes use 1 sigmoid unit with binaryCrossEntropy, or 2 ${name} units` });
  }
  if ((output.dropout ?? 0) > 0) context.addIssue({ code: 'custom', path: ['model', 'layers', last, 'dropout'], message: 'the output layer cannot drop units (it would drop predictions); put dropout on a hidden layer' });
  if (config.threshold !== undefined && !(output.units === 1 && task === 'classification')) {
    context.addIssue({ code: 'custom', path: ['threshold'], message: 'applies to a binary classifier only: one output unit and a classification task (labels 0/1)' });
  }
  if (config.data.classWeight !== undefined && task !== 'classification') context.addIssue({ code: 'custom', path: ['data', 'classWeight'], message: 'applies to classification only' });
}

/**
 * Validates a parsed config object. Throws ConfigError for the first problem, naming the field path
 * (`optimizer.name`) and the allowed values. A layer's `alpha` beside `activation` is folded into it.
 */
export function parseConfig(raw: unknown, source = '<config>'): ExperimentConfig {
  const result = experimentSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    // Keys come from the file: quoted cut and cleaned, like any file content in a message.
    const field = excerpt(issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), 80);
    throw new ConfigError(source, field, describeIssue(issue));
  }
  const config = result.data;
  const layers = config.model.layers.map(({ alpha, ...l }) =>
    alpha === undefined ? l : { ...l, activation: { name: typeof l.activation === 'string' ? l.activation : l.activation.name, alpha } },
  );
  const parsed = { ...config, model: { ...config.model, layers } } as ExperimentConfig;
  checkConfig(parsed, source);
  return parsed;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${excerptList(issue.keys.map((k) => `"${k}"`))}`;
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'activation') return `${issue.message}; expected an activation name (${ACTIVATION_NAMES.join(', ')}) or { "name": …, "alpha": … }`;
  return issue.message;
}
