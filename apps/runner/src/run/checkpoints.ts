import {
  checkpointToResumePoint, snapshotToCheckpoint,
  type Checkpoint, type JsonObject, type ResumePoint, type RunSnapshot, type TrainSpec,
} from '@clearprop/training';
import { loadCheckpoint, saveCheckpoint } from '@clearprop/training/node';

/**
 * `writeCheckpoint` for `train()`: saves atomically to the commanded path or `defaultPath` and returns it.
 * Unlike the library's checkpointWriter it also stores the resolved config, so `--resume` needs no `--config`.
 */
export function checkpointWriter(defaultPath: string, spec: TrainSpec, meta: { readonly normalization?: JsonObject; readonly config: JsonObject }) {
  return async (snapshot: RunSnapshot, path?: string): Promise<string> => {
    const target = path ?? defaultPath;
    await saveCheckpoint(target, snapshotToCheckpoint(snapshot, spec, { trainingConfig: meta.config, ...(meta.normalization ? { normalization: meta.normalization } : {}) }));
    return target;
  };
}

/** Reads a checkpoint file: the point `train()` resumes from, and the checkpoint (for its stored config). */
export async function loadResumePoint(path: string): Promise<{ readonly resumeFrom: ResumePoint; readonly checkpoint: Checkpoint }> {
  const checkpoint = await loadCheckpoint(path);
  return { resumeFrom: checkpointToResumePoint(checkpoint), checkpoint };
}
