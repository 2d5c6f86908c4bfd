/**
 * Whether the snapshot after epoch `epoch` (1-based) is one of at most about `max` spread over the run: every k-th
 * snapshot (snapshots come every `snapshotEvery` epochs), and always the last. For snapshot work that costs a pass
 * over data, so its share of a long run stays bounded.
 */
export function thinnedSnapshotDue(epoch: number, epochs: number, snapshotEvery: number, last: boolean, max: number): boolean {
  const every = Math.max(1, Math.ceil(Math.ceil(epochs / snapshotEvery) / max));
  return last || (epoch % snapshotEvery === 0 && (epoch / snapshotEvery) % every === 0);
}
