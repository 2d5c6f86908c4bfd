import { Observable } from 'rxjs';
import { type TrainingEvent } from '@clearprop/training';
import { readEventLog } from '@clearprop/training/node';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import type { SourceCommand } from '../state/keymap.ts';
import type { DashboardSource } from './source.ts';
import { timeline } from './timeline.ts';

/** Options for replaySource. */
export interface ReplayOptions {
  /** Playback speed: 2 plays twice as fast as recorded. @defaultValue 1 */
  readonly speed?: number;
  /** Playback tick. @defaultValue 50 */
  readonly tickMs?: number;
  /** Injected clock in ms. @defaultValue performance.now */
  readonly now?: () => number;
  /** Lines for the event log before playback starts (what reading the file skipped). */
  readonly notes?: readonly string[];
}

/**
 * Reads a recorded event log for replay: its events, and notes for the event log about what was skipped (lines
 * that are not events, a last line cut short). Throws if it holds no events.
 */
export async function readEventFile(path: string): Promise<{ readonly events: readonly TrainingEvent[]; readonly notes: readonly string[] }> {
  const { events, skippedLines, truncatedChars } = await readEventLog(path);
  if (events.length === 0) throw new Error(`${path} holds no training events (one JSON object with a "type" per line)`);
  const notes = [
    ...(skippedLines > 0 ? [`${path}: skipped ${skippedLines} ${skippedLines === 1 ? 'line that is' : 'lines that are'} not events`] : []),
    ...(truncatedChars > 0 ? [`${path}: the last line is cut short (${truncatedChars} characters, no newline) and was skipped`] : []),
  ];
  return { events, notes };
}

/**
 * Plays recorded events back at their recorded pace times `speed`; `pause`, `resume` and `setSpeed` steer it.
 * Each tick emits every event whose recorded time the replay clock has passed.
 */
export function replaySource(events: readonly TrainingEvent[], options: ReplayOptions = {}): DashboardSource {
  const times = timeline(events);
  const now = options.now ?? (() => performance.now());
  const tickMs = options.tickMs ?? 50;
  let speed = options.speed ?? 1;
  let paused = false;
  let clock = 0;
  let last = now();
  let emitApp: ((event: DashboardEvent) => void) | null = null;
  const advance = () => {
    const t = now();
    if (!paused) clock = speed === Infinity ? Infinity : clock + (t - last) * speed;
    last = t;
  };
  const events$ = new Observable<DashboardEvent>((subscriber) => {
    let index = 0;
    clock = 0;
    last = now();
    emitApp = (event) => subscriber.next(event);
    for (const text of options.notes ?? []) subscriber.next({ type: 'app', level: 'warn', text });
    subscriber.next({ type: 'app', level: 'info', text: `replaying ${events.length} events at ${speed}×`, speed, paused });
    const timer = setInterval(() => {
      advance();
      while (index < events.length && times[index] <= clock) subscriber.next(events[index++]);
      if (index >= events.length) {
        clearInterval(timer);
        subscriber.next({ type: 'app', level: 'info', text: 'replay finished; q to quit' });
        subscriber.complete();
      }
    }, tickMs);
    return () => {
      clearInterval(timer);
      emitApp = null;
    };
  });
  const send = (command: SourceCommand): void => {
    advance();
    if (command.type === 'pause' || command.type === 'resume') {
      paused = command.type === 'pause';
      emitApp?.({ type: 'app', level: 'info', text: paused ? 'replay paused' : 'replay resumed', paused });
    } else if (command.type === 'setSpeed' && command.speed > 0) {
      speed = command.speed;
      emitApp?.({ type: 'app', level: 'info', text: `replay speed ${speed}×`, speed });
    }
  };
  return { mode: 'replay', events$, send, quit: async () => null };
}
