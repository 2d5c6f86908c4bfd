export { runConfig, runStart, layerStats, epochEvents, runEnd, fitSnapshot, confusionSnapshot, boundarySnapshot, unitActivationsSnapshot } from './events.ts';
export type { ExportCase, ExportTask } from './export-cases.ts';
export { exportCases, exportRows, randomSavedModel } from './export-cases.ts';
export type { CraftedZipEntry } from './zip.ts';
export { craftZip } from './zip.ts';
export { fileFuzzTargets } from './file-fuzz.ts';
export { configFuzzTargets } from './config-fuzz.ts';
export { hostileJson, mutateJson, mutatedJsonText } from './json-mutation.ts';
