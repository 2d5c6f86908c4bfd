import { describe, expect, it } from '@jest/globals';
import { runStart } from '@clearprop/training/testing';
import { initialDashboardState, reduceDashboard, type DashboardState } from './dashboard-state.ts';
import { keyAction, keyHints } from './keymap.ts';

const running: DashboardState = { ...reduceDashboard(initialDashboardState, runStart()), learningRate: 0.01 };
const paused: DashboardState = { ...running, status: 'paused' };
const done: DashboardState = { ...running, status: 'done' };

describe('keyAction', () => {
  it('sends training control commands in train mode', () => {
    expect(keyAction('p', {}, 'train', running)).toEqual({ kind: 'source', command: { type: 'pause' } });
    expect(keyAction('p', {}, 'train', paused)).toEqual({ kind: 'source', command: { type: 'resume' } });
    expect(keyAction('+', {}, 'train', running)).toEqual({ kind: 'source', command: { type: 'setLearningRate', lr: 0.02 } });
    expect(keyAction('-', {}, 'train', running)).toEqual({ kind: 'source', command: { type: 'setLearningRate', lr: 0.005 } });
    expect(keyAction('s', {}, 'train', running)).toEqual({ kind: 'source', command: { type: 'checkpoint' } });
  });

  it('does not steer a finished run or a followed file', () => {
    for (const key of ['p', '+', '-', 's']) {
      expect(keyAction(key, {}, 'train', done)).toBeNull();
      expect(keyAction(key, {}, 'follow', running)).toBeNull();
    }
  });

  it('maps p and +/- to replay pause and speed in replay mode', () => {
    const replaying: DashboardState = { ...running, replay: { paused: false, speed: 4 } };
    expect(keyAction('p', {}, 'replay', replaying)).toEqual({ kind: 'source', command: { type: 'pause' } });
    expect(keyAction('+', {}, 'replay', replaying)).toEqual({ kind: 'source', command: { type: 'setSpeed', speed: 8 } });
    expect(keyAction('-', {}, 'replay', replaying)).toEqual({ kind: 'source', command: { type: 'setSpeed', speed: 2 } });
  });

  it('handles view keys and quit the same in every mode', () => {
    for (const mode of ['train', 'follow', 'replay'] as const) {
      expect(keyAction('l', {}, mode, running)).toEqual({ kind: 'toggleLog' });
      expect(keyAction('', { tab: true }, mode, running)).toEqual({ kind: 'nextView' });
      expect(keyAction('?', {}, mode, running)).toEqual({ kind: 'toggleHelp' });
      expect(keyAction('q', {}, mode, running)).toEqual({ kind: 'quit' });
      expect(keyAction('c', { ctrl: true }, mode, running)).toEqual({ kind: 'quit' });
      expect(keyAction('x', {}, mode, running)).toBeNull();
    }
    expect(keyHints('train').map(([k]) => k)).toEqual(['p', '+/-', 's', 'l', 'tab', 'q', '?']);
    expect(keyHints('follow').map(([k]) => k)).toEqual(['l', 'tab', 'q', '?']);
  });
});
