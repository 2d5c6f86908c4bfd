// @clearprop/training/node: what needs Node's file system. Model files and checkpoints on disk (the byte codecs,
// encodeSafetensors/decodeNpz/…, are in the portable root entry), experiment config files and CSV data files.
export type { AtomicWriteFs, AtomicWriteHandle, AtomicWriteOptions, SaveModelOptions } from './files/io.ts';
export { writeFileAtomic, saveModel, loadModel, saveCheckpoint, loadCheckpoint } from './files/io.ts';
export { checkpointWriter } from './files/checkpoint-writer.ts';
export { loadConfigFile } from './experiments/config-file.ts';
export { csvFiles } from './experiments/csv-files.ts';
