import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { saveCheckpoint, saveModel } from '@clearprop/training/node';
import { runDirectoryName, snapshotToCheckpoint, type Experiment, type JsonObject, type RunSnapshot } from '@clearprop/training';
import type { ModelParams } from '@clearprop/nn';

/**
 * The run directory `runs/<name>-<YYYYMMDD-HHMMSS>` relative to the working directory — the runner's layout
 * (`runDirectoryName` from the library), so both apps fill the same `runs/` folder the same way.
 */
export function runDirectory(name: string, date: Date): string {
  return join('runs', runDirectoryName(name, date.getTime()));
}

/** Writes the trained model (weights, spec, normalization, config) atomically; creates the directory. */
export async function writeModel(path: string, experiment: Experiment, params: ModelParams): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await saveModel(path, {
    spec: experiment.spec.model,
    params,
    trainingConfig: experiment.config as unknown as JsonObject,
    ...(experiment.normalization ? { normalization: experiment.normalization as unknown as JsonObject } : {}),
  });
}

/**
 * A `writeCheckpoint` for train(): saves the snapshot as `<directory>/checkpoint-e<epoch>-s<step>.safetensors`
 * (or the requested path) and returns the path written.
 */
export function checkpointWriter(directory: string, experiment: Experiment): (snapshot: RunSnapshot, path?: string) => Promise<string> {
  return async (snapshot, requested) => {
    const path = requested ?? join(directory, `checkpoint-e${snapshot.epoch}-s${snapshot.step}.safetensors`);
    await mkdir(dirname(path), { recursive: true });
    await saveCheckpoint(path, snapshotToCheckpoint(snapshot, experiment.spec, {
      trainingConfig: experiment.config as unknown as JsonObject,
      ...(experiment.normalization ? { normalization: experiment.normalization as unknown as JsonObject } : {}),
    }));
    return path;
  };
}
