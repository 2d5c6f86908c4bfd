// @jsxRuntime automatic
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { cleanup, render } from 'ink-testing-library';
import { Subject } from 'rxjs';
import { App } from './App.tsx';
import type { DashboardSource } from './sources/source.ts';
import type { DashboardEvent } from './state/dashboard-state.ts';
import type { DashboardMode, SourceCommand } from './state/keymap.ts';
import { untilFrame as until } from './testing/screen.ts';
import { epochEvents as epoch, runStart } from '@clearprop/training/testing';

afterEach(cleanup);

function fakeSource(mode: DashboardMode = 'train') {
  const events$ = new Subject<DashboardEvent>();
  const sent: SourceCommand[] = [];
  let quits = 0;
  const source: DashboardSource = { mode, events$, send: (c) => void sent.push(c), quit: async () => (quits++, 'model written to m.safetensors') };
  return { source, events$, sent, quits: () => quits };
}

jest.setTimeout(20_000);

describe('App', () => {
  it('renders every panel from the event stream and turns keys into control commands', async () => {
    const { source, events$, sent } = fakeSource();
    const { lastFrame, stdin } = render(<App source={source} renderPeriodMs={5} />);
    for (const e of [runStart(), ...epoch(1, 1), ...epoch(2, 0.5)]) events$.next(e);
    const frame = await until(lastFrame, (f) => f.includes('epochs 1–2'));
    for (const text of ['clearprop', 'sin', '● running', 'loss (log)', 'backprop per layer', 'metrics', 'events', 'epoch', '2/10']) expect(frame).toContain(text);
    stdin.write('p');
    await until(() => String(sent.length), (n) => n === '1');
    stdin.write('+');
    stdin.write('s');
    await until(() => String(sent.length), (n) => n === '3');
    expect(sent).toEqual([{ type: 'pause' }, { type: 'setLearningRate', lr: 0.02 }, { type: 'checkpoint' }]);
    events$.next({ type: 'control', command: 'pause', epoch: 2, batch: 2, step: 4, state: 'paused', learningRate: 0.01 });
    await until(lastFrame, (f) => f.includes('● paused'));
    stdin.write('p');
    await until(() => JSON.stringify(sent[3] ?? null), (s) => s === JSON.stringify({ type: 'resume' }));
  });

  it('two + presses before the run echoes the first one double the learning rate twice', async () => {
    const { source, events$, sent } = fakeSource();
    const { lastFrame, stdin } = render(<App source={source} renderPeriodMs={5} />);
    for (const e of [runStart(), ...epoch(1, 1)]) events$.next(e);
    await until(lastFrame, (f) => f.includes('● running'));
    stdin.write('+');
    await until(() => String(sent.length), (n) => n === '1');
    stdin.write('+');
    await until(() => String(sent.length), (n) => n === '2');
    expect(sent).toEqual([{ type: 'setLearningRate', lr: 0.02 }, { type: 'setLearningRate', lr: 0.04 }]);
    // Once the run reports a rate, + starts from it again.
    events$.next({ type: 'control', command: 'setLearningRate', epoch: 1, batch: 2, step: 2, state: 'running', learningRate: 0.04 });
    await until(lastFrame, (f) => f.includes('learning rate → 0.0400'));
    stdin.write('-');
    await until(() => String(sent.length), (n) => n === '3');
    expect(sent[2]).toEqual({ type: 'setLearningRate', lr: 0.02 });
  });

  it('toggles the log scale, cycles views with tab, shows help, and quits through the source', async () => {
    const { source, events$, quits } = fakeSource();
    let summary: string | null = null;
    const { lastFrame, stdin } = render(<App source={source} renderPeriodMs={5} onQuit={(s) => (summary = s)} />);
    for (const e of [runStart(), ...epoch(1, 1)]) events$.next(e);
    await until(lastFrame, (f) => f.includes('loss (log)'));
    stdin.write('l');
    await until(lastFrame, (f) => f.includes('─ loss ─'));
    stdin.write('\t');
    await until(lastFrame, (f) => f.includes('loss') && !f.includes('backprop per layer'));
    stdin.write('?');
    await until(lastFrame, (f) => f.includes('keys · train mode'));
    stdin.write('q');
    await until(() => String(summary), (s) => s === 'model written to m.safetensors');
    expect(quits()).toBe(1);
  });

  it('in follow mode, steering keys do nothing and the footer shows only view keys', async () => {
    const { source, events$, sent } = fakeSource('follow');
    const { lastFrame, stdin } = render(<App source={source} renderPeriodMs={5} />);
    events$.next(runStart());
    const frame = await until(lastFrame, (f) => f.includes('follow'));
    expect(frame).not.toMatch(/ s +save/);
    stdin.write('p');
    stdin.write('+');
    // Keys are handled in order: once `l` (log scale, which follow mode allows) shows, p and + were handled too.
    stdin.write('l');
    await until(lastFrame, (f) => f.includes('─ loss ─'));
    expect(sent).toEqual([]);
  });
});
