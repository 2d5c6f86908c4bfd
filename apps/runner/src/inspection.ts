import type { Model } from '@clearprop/nn';
import { plural, type DataInfo, type SavedModel } from '@clearprop/training';

/** What `inspect` shows about a model file (also its `--json` output). */
export interface Inspection {
  readonly file: string;
  readonly architecture: string;
  readonly parameterCount: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly layers: readonly {
    readonly units: number; readonly activation: string; readonly weight: readonly number[]; readonly bias: readonly number[]; readonly alpha?: readonly number[];
    /** Training-only settings the model was trained with: weight penalties and dropout. */
    readonly regularization?: { readonly l1?: number; readonly l2?: number }; readonly dropout?: number;
  }[];
  /** The scaler kind (`standardize`, `minMax`), or `none`: inputs are used as given. */
  readonly normalization: string;
  readonly data?: DataInfo;
  readonly training?: Readonly<Record<string, unknown>>;
  readonly extra: Readonly<Record<string, string>>;
}

/** Collects the inspection of a loaded model. */
export function modelInspection(file: string, saved: SavedModel, model: Model, data: DataInfo | undefined): Inspection {
  const { dataset: _dataset, ...extra } = saved.extra ?? {};
  return {
    file,
    architecture: model.describe(),
    parameterCount: model.parameterCount,
    inputs: model.inputs,
    outputs: model.outputs,
    layers: saved.params.map((p, l) => ({
      units: model.widths[l + 1],
      activation: model.activations[l].name,
      weight: [...p.weight.shape],
      bias: [...p.bias.shape],
      ...(p.alpha ? { alpha: [...p.alpha.shape] } : {}),
      ...(saved.spec.layers[l].regularization ? { regularization: saved.spec.layers[l].regularization } : {}),
      ...(saved.spec.layers[l].dropout ? { dropout: saved.spec.layers[l].dropout } : {}),
    })),
    normalization: saved.normalization ? String(saved.normalization.kind ?? 'custom') : 'none',
    ...(data ? { data } : {}),
    ...(saved.trainingConfig ? { training: saved.trainingConfig } : {}),
    extra,
  };
}

const shape = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The inspection as text. */
export function inspectText(i: Inspection): string {
  const lines = [i.file, `  architecture  ${i.architecture}`, `  parameters    ${i.parameterCount}`, `  inputs        ${i.inputs}`, `  outputs       ${i.outputs}`, '  layers'];
  i.layers.forEach((l, n) => lines.push(`    ${n}: dense ${l.units} ${l.activation}  weight ${shape(l.weight)} bias ${shape(l.bias)}${l.alpha ? ` alpha ${shape(l.alpha)}` : ''}${trainingOnly(l)}`));
  lines.push(`  normalization ${i.normalization}`);
  if (i.data) {
    lines.push(`  task          ${i.data.task}`, `  features      ${i.data.featureNames.join(', ')}`);
    lines.push(i.data.task === 'classification' ? `  classes       ${i.data.classLabels.join(', ')}` : `  targets       ${i.data.targetNames.join(', ')}`);
    if (i.data.threshold !== undefined) lines.push(`  threshold     ${i.data.threshold} (class ${i.data.classLabels[1] ?? '1'} above it)`);
  }
  const t = i.training;
  if (t) {
    const optimizer = t.optimizer as { name?: string; lr?: number } | undefined;
    lines.push(`  trained with  ${String(t.loss)}, ${optimizer?.name ?? '?'} lr ${optimizer?.lr ?? '?'}, ${typeof t.epochs === 'number' ? plural(t.epochs, 'epoch') : `${String(t.epochs)} epochs`}, batch ${String(t.batchSize)}, seed ${String(t.seed)}`);
  }
  for (const [key, value] of Object.entries(i.extra)) lines.push(`  ${key.padEnd(13)} ${value}`);
  return lines.join('\n') + '\n';
}

// `  (trained with l2 0.0001, dropout 0.2)`: what the layer did in training only.
function trainingOnly(layer: Inspection['layers'][number]): string {
  const parts = [
    ...(['l1', 'l2'] as const).flatMap((key) => (layer.regularization?.[key] ? [`${key} ${layer.regularization[key]}`] : [])),
    ...(layer.dropout ? [`dropout ${layer.dropout}`] : []),
  ];
  return parts.length === 0 ? '' : `  (trained with ${parts.join(', ')})`;
}
