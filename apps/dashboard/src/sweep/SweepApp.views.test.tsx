// @jsxRuntime automatic
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { EventEmitter } from 'node:events';
import { cleanup, render } from 'ink-testing-library';
import { Subject } from 'rxjs';
import type { SweepEvent } from '@clearprop/training';
import { resizeTerminal, screenProblems, untilFrame, type ScreenSize } from '../testing/screen.ts';
import { SweepApp } from './SweepApp.tsx';
import { sweepEvents } from './sweep-events.testing.ts';

afterEach(cleanup);
jest.setTimeout(60_000);

const SIZES: readonly ScreenSize[] = [{ columns: 80, rows: 24 }, { columns: 100, rows: 30 }, { columns: 160, rows: 50 }];

describe('dashboard --follow sweeps/<dir>', () => {
  it.each(SIZES)('fits %o: leaderboard best first, curves of the running trials, the log', async (size) => {
    const events$ = new Subject<SweepEvent>();
    const app = render(<SweepApp events$={events$} renderPeriodMs={5} />);
    resizeTerminal(app.stdout as unknown as EventEmitter, size);
    for (const event of sweepEvents({ total: 30, done: 20, running: 2 })) events$.next(event);
    const frame = await untilFrame(app.lastFrame, (f) => f.includes('20/30 done, 2 running') && f.includes('running trials'), 'the sweep');
    expect(screenProblems(frame, size)).toEqual([]);
    const board = frame.split('\n').filter((line) => /^│\s+\d+\s+(done|pruned|running)/.test(line));
    expect(board[0]).toMatch(/^│\s+20\s+done\s+0\.7/); // the best (0.5 + 20/100) on top
    expect(frame).toMatch(/━ 21 [\d.]+ +━ 22 [\d.]+/);
    if (size.columns >= 100) expect(frame).toContain('─ sweep log');
  });

  it('updates the leaderboard as trials end', async () => {
    const events$ = new Subject<SweepEvent>();
    const app = render(<SweepApp events$={events$} renderPeriodMs={5} />);
    resizeTerminal(app.stdout as unknown as EventEmitter, { columns: 100, rows: 30 });
    for (const event of sweepEvents({ total: 3, done: 1, running: 1 })) events$.next(event);
    await untilFrame(app.lastFrame, (f) => f.includes('1/3 done, 1 running'), 'one trial done');
    events$.next({ type: 'trialEnd', trial: 2, params: {}, status: 'done', objective: 0.99, objectiveStd: 0.01, epochs: 12, reason: null, rungs: [], durationMs: 3000 });
    const frame = await untilFrame(app.lastFrame, (f) => f.includes('2/3 done, 0 running'), 'trial 2 done');
    const board = frame.split('\n').filter((line) => /^│\s+\d+\s+(done|pruned|running)/.test(line));
    expect(board[0]).toMatch(/^│\s+2\s+done\s+0\.990 ± 0\.0100/);
  });
});
