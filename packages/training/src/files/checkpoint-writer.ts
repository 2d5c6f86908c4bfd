import { snapshotToCheckpoint, type CheckpointMeta } from '../checkpointing.ts';
import type { TrainSpec } from '../spec.ts';
import type { RunSnapshot } from '../run/snapshot.ts';
import { saveCheckpoint } from './io.ts';

/** A `writeCheckpoint` for `train()` that saves atomically to `path` (or the path a command names). Node only. */
export function checkpointWriter(path: string, spec: TrainSpec, meta: CheckpointMeta = {}): (snapshot: RunSnapshot, requested?: string) => Promise<string> {
  return async (snapshot, requested) => {
    const target = requested ?? path;
    await saveCheckpoint(target, snapshotToCheckpoint(snapshot, spec, meta));
    return target;
  };
}
