import { excerpt, type Dataset, type Scaler, type Task } from '@clearprop/data';
import { ACTIVATION_NAMES, INITIALIZER_NAMES, resolveActivation, type ActivationSpec, type ModelSpec } from '@clearprop/nn';
import { z } from 'zod';
import { parseJson } from './json.ts';
import { ModelFileError } from './model-file-error.ts';
import { DATA_INFO_KEY, type DataInfo } from '../data-info.ts';


const name = z.string().max(1024);
const activationName = z.enum(ACTIVATION_NAMES as [string, ...string[]]);

/** zod schema of a ModelSpec as stored in a model file or given as `--spec` JSON. */
export const modelSpecSchema = z.strictObject({
  inputs: z.number().int().positive(),
  layers: z.array(z.strictObject({
    units: z.number().int().positive(),
    activation: z.union([activationName, z.strictObject({ name: activationName, alpha: z.number().finite().optional() })]),
    init: z.enum(INITIALIZER_NAMES as [string, ...string[]]).optional(),
    biasInit: z.enum(['zeros', ...INITIALIZER_NAMES] as [string, ...string[]]).optional(),
    // Training-only settings, kept with the architecture for provenance; inference ignores them.
    regularization: z.strictObject({ l1: z.number().finite().min(0).optional(), l2: z.number().finite().min(0).optional() }).optional(),
    dropout: z.number().min(0).lt(1).optional(),
  })).min(1),
}).superRefine((spec, context) => {
  // The activation records decide what is allowed: alpha only where one is taken, output-only activations last.
  spec.layers.forEach((layer, i) => {
    const path = ['layers', i, 'activation'];
    try {
      const activation = resolveActivation(layer.activation as ActivationSpec);
      if (activation.traits.outputOnly && i < spec.layers.length - 1) {
        context.addIssue({ code: 'custom', path, message: `${activation.name} is only supported on the output layer` });
      }
    } catch (error) {
      context.addIssue({ code: 'custom', path, message: (error as Error).message });
    }
    if ((layer.dropout ?? 0) > 0 && i === spec.layers.length - 1) context.addIssue({ code: 'custom', path: ['layers', i, 'dropout'], message: 'the output layer cannot drop units' });
  });
});

/** zod schema of DataInfo (the `dataset` metadata). */
export const dataInfoSchema = z.object({
  task: z.enum(['regression', 'classification']),
  featureNames: z.array(name),
  targetNames: z.array(name).min(1),
  classLabels: z.array(name),
  threshold: z.number().gt(0).lt(1).optional(),
  weightColumn: name.optional(),
});

const finiteList = z.array(z.number().finite());

/** zod schema of a Scaler (the `normalization` metadata). */
export const scalerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('standardize'), mean: finiteList, std: z.array(z.number().finite().min(0)) }),
  z.object({ kind: z.literal('minMax'), min: finiteList, max: finiteList }),
]);

/**
 * Validates a parsed ModelSpec (JSON) with modelSpecSchema. Throws ModelFileError naming `source` and the field,
 * e.g. `net.json: metadata "spec".layers[0].units: Invalid input: expected number, received string`; `label` names
 * what was validated.
 */
export function parseModelSpec(raw: unknown, source: string, label = 'metadata "spec"'): ModelSpec {
  return check(modelSpecSchema, raw, source, label) as ModelSpec;
}

/**
 * The DataInfo stored in a model's metadata, validated against its schema and against the spec (one feature name
 * per input; one target per output, or one label column and one class label per output — two for a single output);
 * undefined for files
 * without it (PyTorch, NumPy). Throws ModelFileError naming `source` and the field.
 */
export function readDataInfo(saved: { readonly spec: ModelSpec; readonly extra?: Readonly<Record<string, string>> }, source: string): DataInfo | undefined {
  const text = saved.extra !== undefined && Object.hasOwn(saved.extra, DATA_INFO_KEY) ? saved.extra[DATA_INFO_KEY] : undefined;
  if (text === undefined) return undefined;
  const info = check(dataInfoSchema, parseJson(text, DATA_INFO_KEY, source), source, `metadata "${DATA_INFO_KEY}"`);
  const outputs = saved.spec.layers[saved.spec.layers.length - 1].units;
  const fail = (field: string, problem: string): never => {
    throw new ModelFileError(source, `metadata "${DATA_INFO_KEY}".${field}: ${problem}`);
  };
  if (info.featureNames.length !== saved.spec.inputs) fail('featureNames', `${info.featureNames.length} names for a model with ${saved.spec.inputs} inputs`);
  if (info.threshold !== undefined && (info.task !== 'classification' || outputs !== 1)) fail('threshold', 'a threshold belongs to a binary classifier (one output unit)');
  if (info.task === 'classification') {
    if (info.targetNames.length !== 1) fail('targetNames', `classification has one label column, got ${info.targetNames.length}`);
    // A single output (one sigmoid unit) is a binary classifier: a negative and a positive label.
    const expected = Math.max(outputs, 2);
    if (info.classLabels.length !== expected) fail('classLabels', `${info.classLabels.length} labels for a model with ${outputs} ${outputs === 1 ? 'output (a binary classifier has 2)' : 'outputs'}`);
  } else if (info.targetNames.length !== outputs) {
    fail('targetNames', `${info.targetNames.length} names for a model with ${outputs} outputs`);
  }
  return info;
}

/**
 * Validates `normalization` metadata as a Scaler with one statistic per model input. Throws ModelFileError naming
 * `source` and the field. Returns undefined when `normalization` is undefined.
 */
export function readNormalization(normalization: unknown, spec: ModelSpec, source: string): Scaler | undefined {
  if (normalization === undefined) return undefined;
  const scaler = check(scalerSchema, normalization, source, 'metadata "normalization"');
  const lists = scaler.kind === 'standardize' ? { mean: scaler.mean, std: scaler.std } : { min: scaler.min, max: scaler.max };
  for (const [field, values] of Object.entries(lists)) {
    if (values.length !== spec.inputs) {
      throw new ModelFileError(source, `metadata "normalization".${field}: ${values.length} values for a model with ${spec.inputs} inputs`);
    }
  }
  return scaler;
}

function check<T>(schema: z.ZodType<T>, raw: unknown, source: string, label: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  throw new ModelFileError(source, `${label}${excerpt(path, 60)}: ${excerpt(issue.message)}`);
}
