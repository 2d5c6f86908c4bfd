// @jsxRuntime automatic
import { describe, expect, it } from '@jest/globals';
import { render } from 'ink-testing-library';
import { MetricsPanel } from '../components/MetricsPanel.tsx';
import { lastValueFrom, toArray } from 'rxjs';
import { buildExperiment, presetConfig, train, type TrainingEvent } from '@clearprop/training';
import { boundarySnapshot, epochEvents as epoch, runStart, unitActivationsSnapshot } from '@clearprop/training/testing';
import { initialDashboardState, MAX_HISTORY, reduceDashboard, type DashboardEvent, type DashboardState } from './dashboard-state.ts';
import { etaMs } from './eta.ts';

const reduce = (events: readonly DashboardEvent[], from: DashboardState = initialDashboardState) => events.reduce(reduceDashboard, from);

describe('reduceDashboard', () => {
  it('starts waiting, and runStart fills the header fields', () => {
    expect(initialDashboardState.status).toBe('waiting');
    const state = reduce([runStart()]);
    expect(state.status).toBe('running');
    expect(state.run).toMatchObject({ name: 'sin', architecture: '1-4-1 tanh/identity', parameterCount: 13, seed: 1, optimizer: 'adam lr 0.01', layerCount: 2 });
  });

  it('tracks epochs, batches, loss history, metrics, layer sparklines and ETA over a sequence of epochs', () => {
    const events = [runStart(), ...epoch(1, 1), ...epoch(2, 0.5), ...epoch(3, 0.25), { type: 'epochStart', epoch: 4 } as const];
    const state = reduce(events);
    expect(state).toMatchObject({ epoch: 4, epochsDone: 3, batch: 0, step: 6, learningRate: 0.01, elapsedMs: 300 });
    expect(state.history.map((p) => [p.epoch, p.trainLoss, p.validationLoss])).toEqual([[1, 1, 1.1], [2, 0.5, 0.55], [3, 0.25, 0.275]]);
    expect(state.validation).toEqual({ loss: 0.275, mse: 0.275, r2: 0.9 });
    expect(state.layers.latest).toHaveLength(2);
    expect(state.layers.deltaNorms[0]).toEqual([1, 1 / 2, 1 / 3]);
    expect(state.samplesPerSecond).toBeCloseTo(100); // 10 rows per 100 ms epoch
    expect(etaMs(state)).toBeCloseTo(700); // 7 epochs left × 100 ms
  });

  it('never mutates the state it is given', () => {
    const before = reduce([runStart(), ...epoch(1, 1)]);
    const frozen = JSON.stringify(before);
    reduce([...epoch(2, 0.5), { type: 'control', command: 'pause', epoch: 2, batch: 2, step: 4, state: 'paused', learningRate: 0.01 }], before);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('follows pause, resume and stop through control events and runEnd, logging each', () => {
    const paused = reduce([runStart(), { type: 'control', command: 'pause', epoch: 1, batch: 1, step: 1, state: 'paused', learningRate: 0.01 }]);
    expect(paused.status).toBe('paused');
    const resumed = reduce([{ type: 'control', command: 'setLearningRate', epoch: 1, batch: 1, step: 1, state: 'running', learningRate: 0.02 }], paused);
    expect(resumed).toMatchObject({ status: 'running', learningRate: 0.02 });
    const stopped = reduce([{ type: 'runEnd', reason: 'stopped', epochs: 1, batch: 0, steps: 2, bestEpoch: null, final: {}, elapsedMs: 50 }], resumed);
    expect(stopped.status).toBe('stopped');
    expect(etaMs(stopped)).toBeNull();
    expect(stopped.log.map((l) => l.text)).toEqual(['pause', 'learning rate → 0.0200', 'run ended: stopped after 1 epoch, 2 steps']);
  });

  it('logs checkpoints, early stop and divergence with its diagnosis as an error', () => {
    const state = reduce([
      runStart(),
      { type: 'checkpoint', epoch: 1, batch: 1, step: 1, path: 'runs/x/checkpoint.safetensors', reason: 'requested' },
      { type: 'earlyStop', epoch: 5, monitor: 'validation.loss', best: 0.1, bestEpoch: 3 },
      { type: 'divergence', epoch: 6, batch: 1, step: 9, loss: Number.NaN, layer: 0, cause: 'learningRateTooHigh', message: 'non-finite values first in layer 0 (tanh)', action: 'stopped' },
    ]);
    expect(state.log.map((l) => [l.level, l.text])).toEqual([
      ['info', 'checkpoint (requested) → runs/x/checkpoint.safetensors'],
      ['warn', 'early stop: validation.loss best 0.1000 at epoch 3'],
      ['error', 'NaN loss (learningRateTooHigh, stopped): non-finite values first in layer 0 (tanh)'],
    ]);
  });

  it('keeps the latest fit snapshot and confusion matrix', () => {
    const state = reduce([
      { type: 'predictionSnapshot', epoch: 3, x: [0, 1], target: [0, 1], prediction: [0.1, 0.9] },
      { type: 'confusionMatrix', epoch: 3, split: 'validation', labels: ['a', 'b'], matrix: [[3, 1], [0, 4]] },
    ]);
    expect(state.fit).toEqual({ epoch: 3, x: [0, 1], target: [0, 1], prediction: [0.1, 0.9] });
    expect(state.confusion?.matrix).toEqual([[3, 1], [0, 4]]);
  });

  it('keeps the latest boundary map and unit histograms, and a new run forgets them', () => {
    const state = reduce([runStart(), boundarySnapshot(2), unitActivationsSnapshot(2), boundarySnapshot(4)]);
    const { type: _type, ...latest } = boundarySnapshot(4);
    expect(state.boundary).toEqual(latest);
    expect(state.units?.epoch).toBe(2);
    expect(reduce([runStart()], state)).toMatchObject({ boundary: null, units: null });
  });

  it('thins a long history to every other epoch instead of growing without bound', () => {
    let state = reduce([runStart({ epochs: 5000 })]);
    for (let e = 1; e <= MAX_HISTORY * 2 + 10; e++) {
      state = reduceDashboard(state, { type: 'epochEnd', epoch: e, trainLoss: 1 / e, train: { loss: 1 }, learningRate: 0.1, elapsedMs: e, epochMs: 1 });
    }
    expect(state.history.length).toBeLessThanOrEqual(MAX_HISTORY);
    expect(state.historyStride).toBe(4);
    expect(state.history.every((p) => p.epoch % 4 === 0)).toBe(true);
    expect(state.epochsDone).toBe(MAX_HISTORY * 2 + 10);
  });

  it('records replay speed and pause and the written model path from app events', () => {
    const state = reduce([
      { type: 'app', level: 'info', text: 'replay speed 4×', speed: 4 },
      { type: 'app', level: 'info', text: 'replay paused', paused: true },
      { type: 'app', level: 'info', text: 'model written to m.safetensors', modelPath: 'm.safetensors' },
    ]);
    expect(state.replay).toEqual({ paused: true, speed: 4 });
    expect(state.modelPath).toBe('m.safetensors');
  });

  it('digits (no validation split): train accuracy and confusion from the training set, test metrics at the end', async () => {
    const experiment = buildExperiment(presetConfig('digits'), { overrides: { epochs: 2 } });
    expect(experiment.spec.validation).toBeUndefined();
    let t = 0;
    const events: TrainingEvent[] = await lastValueFrom(train(experiment.spec, { now: () => (t += 1), batchEvents: false }).pipe(toArray()));
    const afterFirstEpoch = reduce(events.slice(0, events.findIndex((e) => e.type === 'epochEnd') + 2));
    expect(afterFirstEpoch.confusion).toMatchObject({ split: 'train', epoch: 1 });
    expect(afterFirstEpoch.trainAccuracy).toBeGreaterThan(0.5);
    const done = reduce(events);
    expect(done.confusion).toMatchObject({ split: 'test', epoch: 2, labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(done.end?.final.test?.accuracy).toBeGreaterThan(0.8);
    const plain = (text: string | undefined) => (text ?? '').replace(/\x1b\[[0-9;]*m/g, ''); // colours depend on FORCE_COLOR
    const during = render(<MetricsPanel train={afterFirstEpoch.train} trainAccuracy={afterFirstEpoch.trainAccuracy} validation={null} learningRate={0.001} learningRates={[]} optimizer="adam" width={40} height={12} />);
    expect(plain(during.lastFrame())).toMatch(/train acc\s+\d+(\.\d)?%/);
    during.unmount();
    const after = render(<MetricsPanel train={done.train} validation={done.validation} final={done.end?.final} learningRate={0.001} learningRates={[]} optimizer="adam" width={40} height={12} />);
    expect(plain(after.lastFrame())).toMatch(/test acc\/F1\s+\d+% \/ 0\.\d+/);
    after.unmount();
  });

  it('folds a real seeded run (xor preset) into a finished state', async () => {
    const experiment = buildExperiment(presetConfig('xor'), { overrides: { epochs: 20 } });
    let t = 0;
    const events: TrainingEvent[] = await lastValueFrom(train(experiment.spec, { now: () => (t += 1) }).pipe(toArray()));
    const state = reduce(events);
    expect(state).toMatchObject({ status: 'done', epochsDone: 20, end: { reason: 'completed', epochs: 20 } });
    expect(state.history).toHaveLength(20);
    expect(state.run?.architecture).toBe('2-8-2 tanh/softmax');
    expect(state.layers.latest.map((l) => l.activation)).toEqual(['tanh', 'softmax']);
  });
});
