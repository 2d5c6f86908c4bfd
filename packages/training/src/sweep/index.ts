// Sweeps: the pure engine (space, sampling, successive halving, aggregation, reports).
export type { Domain, SearchSpace, SearchMethod, Objective, AshaSettings, SweepDefinition, TrialPlan, TrialStatus, RungValue, FoldResult, TrialResult } from './types.ts';
export { SweepError } from './sweep-error.ts';
export type { SweepFile } from './sweep-file.ts';
export { sweepFileSchema, checkSweepFile, defineSweep, OBJECTIVE_METRICS } from './sweep-file.ts';
export { pathSegments, explainUnknownPath, getPath, setPath } from './config-path.ts';
export type { SpaceCheckOptions } from './space.ts';
export { validateSpace } from './space.ts';
export { planTrials, gridSize, trialConfig } from './sampling.ts';
export type { RungDecision, RungTable } from './asha.ts';
export { rungEpochs, decideRung, emptyRungTable, recordRung, recordEnd, rungDecision } from './asha.ts';
export type { TrialOutcome } from './aggregate.ts';
export { meanStd, trialResult, rankTrials } from './aggregate.ts';
export { csvField, cellOf, metricKeys, trialsCsv } from './trials-csv.ts';
export type { LeaderboardOptions } from './leaderboard.ts';
export { formatLeaderboard, formatObjective, formatParam } from './leaderboard.ts';
export type { SweepEvent, SweepEventType } from './events.ts';
