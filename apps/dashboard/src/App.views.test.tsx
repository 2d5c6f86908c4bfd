// @jsxRuntime automatic
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { EventEmitter } from 'node:events';
import { cleanup, render } from 'ink-testing-library';
import { Subject } from 'rxjs';
import stringWidth from 'string-width';
import type { TrainingEvent } from '@clearprop/training';
import { App } from './App.tsx';
import type { DashboardSource } from './sources/source.ts';
import type { DashboardEvent } from './state/dashboard-state.ts';
import { boundarySnapshot, confusionSnapshot as confusion, epochEvents as epoch, fitSnapshot, layerStats as layer, runStart, unitActivationsSnapshot } from '@clearprop/training/testing';
import { resizeTerminal, screenProblems, untilFrame, type ScreenSize } from './testing/screen.ts';

afterEach(cleanup);
jest.setTimeout(60_000);

const SIZES: readonly ScreenSize[] = [{ columns: 80, rows: 24 }, { columns: 100, rows: 30 }, { columns: 160, rows: 50 }];
// What identifies each `tab` stop, in order (overview first).
const VIEWS: readonly { readonly name: string; readonly shows: RegExp; readonly hides?: RegExp }[] = [
  { name: 'overview', shows: /─ loss[\s\S]*backprop per layer[\s\S]*─ events/ },
  { name: 'loss', shows: /─ loss \(log\)/, hides: /backprop per layer|─ events/ },
  { name: 'fit', shows: /─ (fit ·|confusion|boundary ·)/, hides: /─ loss|backprop per layer/ },
  { name: 'neurons', shows: /─ (neurons ·|unit activations)/, hides: /─ loss|backprop per layer/ },
  { name: 'layers', shows: /backprop per layer/, hides: /─ loss|─ events/ },
  { name: 'log', shows: /─ events/, hides: /─ loss|backprop per layer/ },
];

/**
 * Events of a run: `epochs` epochs, layer statistics for `layers` layers, snapshots, a few log lines (and the end).
 * 'boundary' is a 2-D classification: a confusion matrix and a 64×32 boundary map with 16 hidden units.
 */
function run(options: { readonly task: 'regression' | 'classification' | 'boundary'; readonly layers: number; readonly epochs: number }): TrainingEvent[] {
  const { layers, epochs } = options;
  const task = options.task === 'boundary' ? 'classification' : options.task;
  const model = { inputs: 1, layers: Array.from({ length: layers }, (_, i) => ({ units: 32, activation: i === layers - 1 ? ('identity' as const) : ('tanh' as const) })) };
  const events: TrainingEvent[] = [runStart({ name: task === 'regression' ? 'sin' : 'digits-with-a-long-experiment-name', task, model, epochs: 3000, architecture: `1-${'32-'.repeat(layers - 1)}1 tanh/identity` })];
  for (let e = 1; e <= epochs; e++) events.push(...epoch(e, 1 / e));
  events.push({ type: 'layerStats', epoch: epochs, step: epochs * 2, layers: Array.from({ length: layers }, (_, i) => layer(i, { deltaNorm: 10 ** -i, deadFraction: i / layers })) });
  events.push(task === 'regression' ? fitSnapshot(epochs) : confusion(epochs, options.task === 'boundary' ? 2 : 10));
  if (options.task === 'boundary') {
    const map = boundarySnapshot(epochs, { width: 64, height: 32 });
    const unit = map.hidden.layers[0];
    events.push({ ...map, hidden: { ...map.hidden, layers: [{ ...unit, units: 16, shown: 16, values: Array.from({ length: 8 }, () => unit.values).flat() }] } });
  } else events.push(unitActivationsSnapshot(epochs));
  events.push({ type: 'checkpoint', epoch: epochs, batch: 2, step: epochs * 2, path: `runs/${'very-long-folder/'.repeat(8)}checkpoint.safetensors`, reason: 'requested' });
  events.push({ type: 'control', command: 'setLearningRate', epoch: epochs, batch: 2, step: epochs * 2, state: 'running', learningRate: 0.02 });
  // The classification run has ended: its metrics panel shows the final weights' evaluation of three splits.
  if (task === 'classification') {
    const final = { train: { loss: 0.01, accuracy: 0.99 }, validation: { loss: 0.02, accuracy: 0.98 }, test: { loss: 0.03, accuracy: 0.97 } };
    events.push({ type: 'runEnd', reason: 'completed', epochs, batch: 0, steps: epochs * 2, bestEpoch: null, final, elapsedMs: epochs * 100 });
  }
  return events;
}

/** Renders the App, feeds it `events`, and returns a way to read frames, press keys and resize the terminal. */
function dashboard(events: readonly TrainingEvent[]) {
  const events$ = new Subject<DashboardEvent>();
  const source: DashboardSource = { mode: 'train', events$, send: () => undefined, quit: async () => null };
  const app = render(<App source={source} renderPeriodMs={5} />);
  for (const e of events) events$.next(e);
  return { ...app, stdout: app.stdout as unknown as EventEmitter };
}

// The header's status sits at the right edge, so the first line is exactly as wide as the layout; and the events
// have been folded in (the first frames show the state before any event).
const laidOutFor = (size: ScreenSize) => (frame: string) => stringWidth(frame.split('\n')[0]) === size.columns && /epoch\s+\d+\/3000 /.test(frame);

describe('every view fits the terminal', () => {
  for (const scenario of [{ task: 'regression', layers: 3, epochs: 40 }, { task: 'classification', layers: 12, epochs: 40 }, { task: 'boundary', layers: 3, epochs: 40 }] as const) {
    for (const size of SIZES) {
      it(`${scenario.task} with ${scenario.layers} layers at ${size.columns}×${size.rows}: each tab stop and the help, no line too wide, every box closed`, async () => {
        const { lastFrame, stdin, stdout } = dashboard(run(scenario));
        resizeTerminal(stdout, size);
        for (const [i, view] of VIEWS.entries()) {
          if (i > 0) stdin.write('\t');
          const frame = await untilFrame(lastFrame, (f) => laidOutFor(size)(f) && view.shows.test(f) && !(view.hides?.test(f) ?? false), `the ${view.name} view at ${size.columns}×${size.rows}`);
          expect({ view: view.name, problems: screenProblems(frame, size) }).toEqual({ view: view.name, problems: [] });
          if (view.name === 'overview') expect(frame).toContain(scenario.task === 'regression' ? '─ metrics ─' : '─ final weights ─');
          if (scenario.task === 'boundary' && view.name !== 'log' && view.name !== 'layers' && view.name !== 'loss') expect(frame).toMatch(/─ (boundary|neurons) · epoch 40/);
        }
        stdin.write('?');
        const help = await untilFrame(lastFrame, (f) => f.includes('keys · train mode'), 'the help');
        expect(screenProblems(help, size)).toEqual([]);
      });
    }
  }

  it('re-lays out on resize, larger and smaller, in the layers view', async () => {
    const { lastFrame, stdin, stdout } = dashboard(run({ task: 'regression', layers: 3, epochs: 40 }));
    for (let i = 0; i < VIEWS.findIndex((v) => v.name === 'layers'); i++) stdin.write('\t');
    for (const size of [SIZES[0], SIZES[2], SIZES[1], SIZES[0]]) {
      resizeTerminal(stdout, size);
      const frame = await untilFrame(lastFrame, (f) => laidOutFor(size)(f) && /backprop per layer/.test(f) && !/─ events/.test(f), `the layers view at ${size.columns}×${size.rows}`);
      expect(screenProblems(frame, size)).toEqual([]);
      // The layer table spans the whole width: its top border is one line of the terminal's width.
      expect(frame.split('\n').find((l) => l.includes('backprop per layer'))).toMatch(new RegExp(`^╭─ backprop per layer ─{${size.columns - 23}}╮$`));
    }
  });

  it('below 80×24 says how big the terminal must be instead of drawing panels', async () => {
    const { lastFrame, stdout } = dashboard(run({ task: 'regression', layers: 3, epochs: 5 }));
    resizeTerminal(stdout, { columns: 79, rows: 24 });
    const frame = await untilFrame(lastFrame, (f) => f.includes('needs at least 80×24'), 'the too-small message');
    expect(frame).toContain('terminal is 79×24');
    expect(frame).not.toContain('╭');
  });
});
