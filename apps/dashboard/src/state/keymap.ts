import type { ControlCommand } from '@clearprop/training';
import type { DashboardState } from './dashboard-state.ts';

/** Where the events come from: a run in this process, a file being written, or a finished file. */
export type DashboardMode = 'train' | 'follow' | 'replay';

/** The panels `tab` cycles through: the overview, or one panel enlarged to the whole body. */
export const VIEWS = ['overview', 'loss', 'fit', 'neurons', 'layers', 'log'] as const;
/** One of VIEWS. */
export type View = (typeof VIEWS)[number];

/** A command for the event source: training control, or replay control (speed). */
export type SourceCommand = ControlCommand | { readonly type: 'setSpeed'; readonly speed: number };

/** What a key press means. */
export type KeyAction =
  | { readonly kind: 'source'; readonly command: SourceCommand }
  | { readonly kind: 'toggleLog' }
  | { readonly kind: 'nextView' }
  | { readonly kind: 'toggleHelp' }
  | { readonly kind: 'closeHelp' }
  | { readonly kind: 'quit' };

/** The subset of Ink's `Key` the keymap reads. */
export interface KeyInfo {
  readonly tab?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
}

/** The one-line key help for a mode, as shown in the footer. */
export function keyHints(mode: DashboardMode): readonly (readonly [string, string])[] {
  const common: [string, string][] = [['l', 'log'], ['tab', 'view'], ['q', 'quit'], ['?', 'help']];
  if (mode === 'train') return [['p', 'pause'], ['+/-', 'lr ×2/÷2'], ['s', 'save'], ...common];
  if (mode === 'replay') return [['p', 'pause'], ['+/-', 'speed ×2/÷2'], ...common];
  return common;
}

const MIN_SPEED = 1 / 16;
const MAX_SPEED = 1024;

/**
 * Maps a key press to an action for the given mode and state; null when the key does nothing there.
 * Pure: the App turns `source` actions into calls on the event source.
 */
export function keyAction(input: string, key: KeyInfo, mode: DashboardMode, state: DashboardState): KeyAction | null {
  if (key.ctrl && input === 'c') return { kind: 'quit' };
  if (key.tab) return { kind: 'nextView' };
  if (key.escape) return { kind: 'closeHelp' };
  switch (input) {
    case 'q': return { kind: 'quit' };
    case '?': case 'h': return { kind: 'toggleHelp' };
    case 'l': return { kind: 'toggleLog' };
    case 'p': case ' ': return pauseAction(mode, state);
    case '+': case '=': return scaleAction(mode, state, 2);
    case '-': case '_': return scaleAction(mode, state, 0.5);
    case 's': return mode === 'train' && live(state) ? { kind: 'source', command: { type: 'checkpoint' } } : null;
    default: return null;
  }
}

const live = (state: DashboardState): boolean => state.status === 'running' || state.status === 'paused';

function pauseAction(mode: DashboardMode, state: DashboardState): KeyAction | null {
  if (mode === 'train' && live(state)) return { kind: 'source', command: { type: state.status === 'paused' ? 'resume' : 'pause' } };
  if (mode === 'replay') return { kind: 'source', command: { type: state.replay?.paused ? 'resume' : 'pause' } };
  return null;
}

function scaleAction(mode: DashboardMode, state: DashboardState, factor: number): KeyAction | null {
  if (mode === 'train' && live(state) && state.learningRate !== null && state.learningRate > 0) {
    return { kind: 'source', command: { type: 'setLearningRate', lr: state.learningRate * factor } };
  }
  if (mode === 'replay') {
    const speed = Math.min(Math.max((state.replay?.speed ?? 1) * factor, MIN_SPEED), MAX_SPEED);
    return { kind: 'source', command: { type: 'setSpeed', speed } };
  }
  return null;
}
