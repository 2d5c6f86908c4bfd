// @clearprop/training/node: what needs Node's file system. Model files and checkpoints on disk (the byte codecs,
// encodeSafetensors/decodeNpz/…, are in the portable root entry), experiment config files and CSV data files, and
// the session layer: a run with its files (experiment resolution, run folder, live event log and metrics, model).
export type { AtomicWriteFs, AtomicWriteHandle, AtomicWriteOptions, SaveModelOptions, LoadModelOptions } from './files/io.ts';
export { writeFileAtomic, saveModel, loadModel, saveCheckpoint, loadCheckpoint } from './files/io.ts';
export { checkpointWriter } from './files/checkpoint-writer.ts';
export { loadConfigFile } from './experiments/config-file.ts';
export { csvFiles } from './experiments/csv-files.ts';
export type { SessionOptions, SessionPaths, SessionResult, Session } from './session/session.ts';
export { startSession } from './session/session.ts';
export type { ExperimentSource, ResolvedExperiment } from './session/experiment-source.ts';
export { resolveExperiment } from './session/experiment-source.ts';
export { SessionError, writeError } from './session/session-error.ts';
export type { EventLogContents, TailRead, EventLogTail } from './session/event-log-reader.ts';
export { readEventLog, tailEventLog } from './session/event-log-reader.ts';
export { defaultOutDir, makeDirectory, prepareOutDir } from './session/out-dir.ts';
