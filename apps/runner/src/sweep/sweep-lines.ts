import { formatDuration, formatNumber, formatParam, type SweepEvent } from '@clearprop/training';
import type { SweepManifest } from '@clearprop/training/sweep';

/** `optimizer.lr=0.0031 batchSize=16`: a trial's parameters for one line. */
export function paramsLine(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([path, value]) => `${path}=${formatParam(value)}`).join(' ');
}

/** The line announcing a sweep: trials, search, parallelism, objective. */
export function sweepStartLine(manifest: SweepManifest, runner: string, parallel: number): string {
  const { definition, trials } = manifest;
  const search = definition.search.method === 'grid' ? 'grid search' : `random search, seed ${definition.search.seed}`;
  const where = runner === 'local' ? `${parallel} at a time on worker threads` : `on the queue at ${runner}`;
  const extras = [definition.cv ? `${definition.cv}-fold cross-validation` : '', definition.prune ? `successive halving from epoch ${definition.prune.minEpochs} (÷${definition.prune.reduction})` : ''].filter(Boolean);
  const { objective } = definition;
  return `sweep ${definition.name}: ${trials.length} trials (${search}), ${where}; objective ${objective.split}.${objective.metric} (${objective.mode})${extras.length ? `; ${extras.join(', ')}` : ''}`;
}

/** A progress line for the sweep events people want to see on stderr (trial ends, prunes), or undefined. */
export function sweepEventLine(event: SweepEvent, manifest: SweepManifest): string | undefined {
  const total = manifest.trials.length;
  const id = (trial: number) => `trial ${String(trial).padStart(String(total).length)}/${total}`;
  if (event.type === 'trialRung' && event.decision === 'prune') return `${id(event.trial)} pruned at epoch ${event.epoch}: ${event.message}`;
  if (event.type !== 'trialEnd') return undefined;
  const objective = event.objective === null ? '–' : `${formatNumber(event.objective)}${event.objectiveStd === null ? '' : ` ± ${formatNumber(event.objectiveStd)}`}`;
  const params = paramsLine(manifest.trials.find((t) => t.trial === event.trial)?.params ?? {});
  const why = event.status === 'failed' || event.status === 'diverged' ? `  ${event.reason ?? ''}` : '';
  return `${id(event.trial)} ${event.status.padEnd(12)} ${objective}  ${event.epochs} epochs  ${formatDuration(event.durationMs)}  ${params}${why}`.trimEnd();
}
