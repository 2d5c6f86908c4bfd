export { runConfig, runStart, layerStats, epochEvents, runEnd } from './events.ts';
