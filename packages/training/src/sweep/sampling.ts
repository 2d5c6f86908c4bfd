import { createRng, type Rng } from '@clearprop/tensor';
import type { ExperimentConfig } from '../experiments/types.ts';
import { setPath } from './config-path.ts';
import type { Domain, SearchMethod, SearchSpace, SweepDefinition, TrialPlan } from './types.ts';

/**
 * The trials of a sweep, numbered from 1. Grid: the full product in file order, the first path varying slowest
 * (int [a, b] is every integer from a to b). Random: `samples` draws from `createRng(seed)`, each trial drawing
 * its paths in file order — choice uniformly, uniform u ∈ [a, b), loguniform exp(U[ln a, ln b)), int uniformly
 * in a…b. Same space and seed ⇒ the same trials.
 */
export function planTrials(space: SearchSpace, search: SearchMethod): TrialPlan[] {
  if (search.method === 'grid') {
    let rows: Record<string, unknown>[] = [{}];
    for (const { path, domain } of space) rows = rows.flatMap((row) => gridValues(domain).map((value) => ({ ...row, [path]: value })));
    return rows.map((params, i) => ({ trial: i + 1, params }));
  }
  const rng = createRng(search.seed);
  return Array.from({ length: search.samples }, (_, i) => ({
    trial: i + 1,
    params: Object.fromEntries(space.map(({ path, domain }) => [path, draw(domain, rng)])),
  }));
}

/** How many trials a grid has (the product of its domain sizes), without listing them. */
export function gridSize(space: SearchSpace): number {
  return space.reduce((n, { domain }) => n * gridValues(domain).length, 1);
}

function gridValues(domain: Domain): readonly unknown[] {
  if (domain.kind === 'choice') return domain.values;
  if (domain.kind === 'int') return Array.from({ length: domain.high - domain.low + 1 }, (_, i) => domain.low + i);
  throw new RangeError(`grid search over a ${domain.kind} range`);
}

function draw(domain: Domain, rng: Rng): unknown {
  switch (domain.kind) {
    case 'choice': return domain.values[rng.int(domain.values.length)];
    case 'int': return domain.low + rng.int(domain.high - domain.low + 1);
    case 'uniform': return domain.low + (domain.high - domain.low) * rng.next();
    case 'loguniform': return Math.exp(Math.log(domain.low) + (Math.log(domain.high) - Math.log(domain.low)) * rng.next());
  }
}

/**
 * The experiment a trial runs: the base with the trial's values set at their paths, `epochs` = maxEpochs under
 * pruning, and for cross-validation fold `fold` (1-based) of `cv` in place of any validation split.
 */
export function trialConfig(definition: Pick<SweepDefinition, 'base' | 'prune' | 'name'>, plan: TrialPlan, fold?: { readonly index: number; readonly count: number }): ExperimentConfig {
  let config = Object.entries(plan.params).reduce((c, [path, value]) => setPath(c, path, value), definition.base);
  config = { ...config, name: `${definition.name}-trial-${plan.trial}`, ...(definition.prune ? { epochs: definition.prune.maxEpochs } : {}) };
  if (!fold) return config;
  const { validation: _file, validationSplit: _split, ...data } = config.data;
  return { ...config, data: { ...data, fold } };
}
