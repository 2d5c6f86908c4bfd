import { describe, expect, it } from '@jest/globals';
import { runStart } from '@clearprop/training/testing';
import { initialDashboardState, reduceDashboard, type DashboardState } from './dashboard-state.ts';
import { keyAction, keyHints } from './keymap.ts';
import { computeLayout, MIN_COLUMNS, MIN_ROWS } from './layout.ts';

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

describe('computeLayout', () => {
  it('fits 80×24 with two spare rows and every panel shown', () => {
    const layout = computeLayout(MIN_COLUMNS, MIN_ROWS, 'overview', 3);
    expect(layout.tooSmall).toBe(false);
    expect(layout.loss.width + layout.fit.width).toBe(80);
    expect(layout.layers.width + layout.metrics.width).toBe(80);
    expect(3 + layout.loss.height + layout.layers.height + layout.log.height + 1).toBe(MIN_ROWS - 2);
    expect(Math.min(layout.loss.height, layout.layers.height, layout.log.height)).toBeGreaterThanOrEqual(3);
  });

  it('re-flows for a bigger terminal, zooms one panel per view, and flags a too-small terminal', () => {
    const big = computeLayout(160, 50, 'overview', 3);
    expect(big.loss.height).toBeGreaterThan(computeLayout(80, 24, 'overview', 3).loss.height);
    const zoomed = computeLayout(100, 30, 'loss', 3);
    expect(zoomed.loss).toEqual({ width: 100, height: 24 });
    expect(zoomed.fit.height + zoomed.layers.height + zoomed.log.height).toBe(0);
    expect(computeLayout(79, 24, 'overview', 3).tooSmall).toBe(true);
  });
});
