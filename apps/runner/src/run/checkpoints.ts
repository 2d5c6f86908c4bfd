import { saveCheckpoint, snapshotToCheckpoint, type JsonObject, type RunSnapshot, type TrainSpec } from '@clearprop/training';

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
