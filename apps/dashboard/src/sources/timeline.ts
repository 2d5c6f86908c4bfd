import type { TrainingEvent } from '@clearprop/training';

const anchorOf = (event: TrainingEvent): number | null =>
  event.type === 'epochEnd' || event.type === 'runEnd' ? (Number.isFinite(event.elapsedMs) ? event.elapsedMs : null) : null;

/**
 * The recorded time (ms since the run started) of each event, for replay: epochEnd and runEnd carry elapsedMs;
 * events between two of them are spread evenly in between; never decreasing. Pure.
 */
export function timeline(events: readonly TrainingEvent[]): number[] {
  const times = new Array<number>(events.length);
  let previousIndex = -1;
  let previousTime = 0;
  events.forEach((event, index) => {
    const anchor = anchorOf(event);
    if (anchor === null) return;
    const time = Math.max(anchor, previousTime);
    for (let i = previousIndex + 1; i < index; i++) times[i] = previousTime + ((time - previousTime) * (i - previousIndex)) / (index - previousIndex);
    times[index] = time;
    previousIndex = index;
    previousTime = time;
  });
  for (let i = previousIndex + 1; i < events.length; i++) times[i] = previousTime;
  return times;
}
