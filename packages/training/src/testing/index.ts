export { runConfig, runStart, layerStats, epochEvents, runEnd } from './events.ts';
export type { ExportCase, ExportTask } from './export-cases.ts';
export { exportCases, exportRows, randomSavedModel } from './export-cases.ts';
