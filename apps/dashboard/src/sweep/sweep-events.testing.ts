import type { SweepEvent } from '@clearprop/training';

/** Events of a sweep of `total` trials: 1…done ended (objective 0.5 + trial/100), the next `running` mid-run. */
export function sweepEvents(options: { readonly total: number; readonly done: number; readonly running: number }): SweepEvent[] {
  const events: SweepEvent[] = [{
    type: 'sweepStart', name: 'wine-lr', sweepId: 'wine-lr-1', trials: options.total, objective: { split: 'validation', metric: 'accuracy', mode: 'max' },
    space: ['optimizer.lr', 'model.layers.0.units'], rungs: [3], maxEpochs: 12, cv: null, parallel: 2, runner: 'local', resumed: [],
  }];
  const curve = (trial: number, epochs: number) => Array.from({ length: epochs }, (_, i): SweepEvent => ({ type: 'trialEpoch', trial, epoch: i + 1, value: 0.3 + (trial / 100) * (i + 1) / epochs }));
  for (let trial = 1; trial <= options.done + options.running; trial++) {
    events.push({ type: 'trialStart', trial, params: { 'optimizer.lr': 0.001 * trial, 'model.layers.0.units': 8 * trial } });
    const running = trial > options.done;
    events.push(...curve(trial, running ? 5 : 12));
    if (running) continue;
    const pruned = trial % 3 === 0;
    if (pruned) events.push({ type: 'trialRung', trial, epoch: 3, value: 0.4, decision: 'prune', rank: 2, of: 2, keep: 1, cutoff: 0.5, message: 'validation.accuracy 0.4 is not in the best 1 of 2 at epoch 3 (rank 2, cutoff 0.5)' });
    events.push({ type: 'trialEnd', trial, params: { 'optimizer.lr': 0.001 * trial, 'model.layers.0.units': 8 * trial }, status: pruned ? 'pruned' : 'done', objective: 0.5 + trial / 100, objectiveStd: null, epochs: pruned ? 3 : 12, reason: pruned ? 'pruned at epoch 3' : null, rungs: [], durationMs: 1500 * trial });
  }
  return events;
}
