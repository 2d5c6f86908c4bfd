import { join } from 'node:path';
import type { RunRecord } from '@clearprop/training';
import { boundaryChartSpec } from '../charts/boundary-chart.ts';
import { confusionChartSpec } from '../charts/confusion-chart.ts';
import { fitChartSpec } from '../charts/fit-chart.ts';
import { lossChartSpec, type LossPoint } from '../charts/loss-chart.ts';
import { neuronsChartSpec } from '../charts/neurons-chart.ts';
import { renderSvg } from '../charts/render-svg.ts';
import { writeOutput } from '../write-output.ts';

/**
 * Renders the charts of a finished run into its folder, each written atomically: loss.svg always, fit.svg for a
 * 1-D regression (its last prediction snapshot), confusion.svg for classification (the final model on test, else
 * validation, else train data), boundary.svg and neurons.svg for classification on 2 features (the final model's
 * map; neurons.svg only when it has hidden layers). The session computed every input; this only draws.
 * Returns chart name → path.
 */
export async function writeCharts(outDir: string, name: string, record: RunRecord): Promise<Record<string, string>> {
  const written: Record<string, string> = {};
  const put = async (key: string, file: string, svg: () => Promise<string>) => {
    const path = join(outDir, file);
    const text = await svg();
    await writeOutput(path, new TextEncoder().encode(text));
    written[key] = path;
  };
  const losses: LossPoint[] = record.losses.flatMap((p) => [
    { epoch: p.epoch, split: 'train' as const, loss: p.train },
    ...(p.validation === undefined ? [] : [{ epoch: p.epoch, split: 'validation' as const, loss: p.validation }]),
  ]);
  await put('lossChart', 'loss.svg', () => renderSvg(lossChartSpec(losses, `${name}: loss per epoch`)));
  const snapshot = record.lastSnapshot;
  if (snapshot) await put('fitChart', 'fit.svg', () => renderSvg(fitChartSpec(snapshot, `${name}: target vs prediction (epoch ${snapshot.epoch})`)));
  const confusion = record.confusion;
  if (confusion) await put('confusionChart', 'confusion.svg', () => renderSvg(confusionChartSpec(confusion, `${name}: confusion matrix (${confusion.split}, ${confusion.rows} rows)`)));
  const boundary = record.boundary;
  if (boundary) {
    await put('boundaryChart', 'boundary.svg', () => renderSvg(boundaryChartSpec(boundary, `${name}: decision boundary (final weights, epoch ${boundary.epoch})`)));
    if (boundary.hidden.layers.length > 0) await put('neuronsChart', 'neurons.svg', () => renderSvg(neuronsChartSpec(boundary, `${name}: hidden units over the plane (final weights)`)));
  }
  return written;
}
