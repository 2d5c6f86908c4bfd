import { join } from 'node:path';
import { sequential, resolveLoss } from '@clearprop/nn';
import { tsKernels } from '@clearprop/tensor';
import { evaluate, paramsOf, saveModel, writeFileAtomic, type Experiment, type ExperimentConfig, type JsonObject, type SavedModel } from '@clearprop/training';
import { confusionChartSpec } from '../charts/confusion-chart.ts';
import { fitChartSpec } from '../charts/fit-chart.ts';
import { lossChartSpec, type LossPoint } from '../charts/loss-chart.ts';
import { renderSvg } from '../charts/render-svg.ts';
import { metricsCsv } from '../metrics-csv.ts';
import { DATA_INFO_KEY, dataInfoOf } from '../model-data.ts';
import type { RunRecord } from './run-training.ts';

/** Where the artifacts go. */
export interface ArtifactPaths {
  readonly outDir: string;
  /** The model file (`--out`, else `<outDir>/model.safetensors`). */
  readonly model: string;
}

const encoder = new TextEncoder();
const writeText = (path: string, text: string) => writeFileAtomic(path, encoder.encode(text));

/** The model as saved: weights, spec, normalization, resolved config, and how the data looked (for eval/predict). */
export function savedModelOf(experiment: Experiment, config: ExperimentConfig, params: SavedModel['params']): SavedModel {
  return {
    spec: experiment.spec.model,
    params,
    ...(experiment.normalization ? { normalization: experiment.normalization as unknown as JsonObject } : {}),
    trainingConfig: config as unknown as JsonObject,
    extra: { [DATA_INFO_KEY]: JSON.stringify(dataInfoOf(experiment.spec.train)) },
  };
}

/**
 * Writes every artifact of a finished run, each atomically: the model, metrics.csv, config.json, loss.svg and
 * fit.svg (1-D regression) or confusion.svg (classification, on test, else validation, else train data).
 * Returns artifact name → path. The model is skipped when the run has no usable weights.
 */
export async function writeArtifacts(paths: ArtifactPaths, experiment: Experiment, config: ExperimentConfig, record: RunRecord): Promise<Record<string, string>> {
  const written: Record<string, string> = {};
  const put = async (name: string, path: string, write: () => Promise<void>) => {
    await write();
    written[name] = path;
  };
  const params = paramsOf(record.runEnd);
  if (params) await put('model', paths.model, () => saveModel(paths.model, savedModelOf(experiment, config, params)));
  await put('metrics', join(paths.outDir, 'metrics.csv'), () => writeText(join(paths.outDir, 'metrics.csv'), metricsCsv(record.epochs)));
  await put('config', join(paths.outDir, 'config.json'), () => writeText(join(paths.outDir, 'config.json'), JSON.stringify(config, null, 2) + '\n'));
  const losses: LossPoint[] = record.epochs.flatMap((e) => [
    { epoch: e.epoch, split: 'train' as const, loss: e.trainLoss },
    ...(e.validation ? [{ epoch: e.epoch, split: 'validation' as const, loss: e.validation.loss }] : []),
  ]);
  const lossSvg = join(paths.outDir, 'loss.svg');
  await put('lossChart', lossSvg, async () => writeText(lossSvg, await renderSvg(lossChartSpec(losses, `${experiment.name}: loss per epoch`))));
  if (record.lastSnapshot) {
    const fitSvg = join(paths.outDir, 'fit.svg');
    const title = `${experiment.name}: target vs prediction (epoch ${record.lastSnapshot.epoch})`;
    await put('fitChart', fitSvg, async () => writeText(fitSvg, await renderSvg(fitChartSpec(record.lastSnapshot as NonNullable<RunRecord['lastSnapshot']>, title))));
  }
  const confusion = params && confusionOf(experiment, params);
  if (confusion) {
    const svg = join(paths.outDir, 'confusion.svg');
    const title = `${experiment.name}: confusion matrix (${confusion.split}, ${confusion.rows} rows)`;
    await put('confusionChart', svg, async () => writeText(svg, await renderSvg(confusionChartSpec(confusion, title))));
  }
  return written;
}

function confusionOf(experiment: Experiment, params: SavedModel['params']) {
  const { spec } = experiment;
  if (spec.train.task !== 'classification') return undefined;
  const [split, data] = spec.test ? ['test', spec.test] as const : spec.validation ? ['validation', spec.validation] as const : ['train', spec.train] as const;
  const model = sequential(spec.model);
  const { confusion } = evaluate(model, params, resolveLoss(spec.loss), data, tsKernels);
  if (!confusion) return undefined;
  const labels = spec.train.classLabels.length === confusion.length ? spec.train.classLabels : confusion.map((_, i) => String(i));
  return { split, rows: data.length, labels, matrix: confusion };
}
