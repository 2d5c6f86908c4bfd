// @jsxRuntime automatic
import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup, render } from 'ink-testing-library';
import { brailleChart, chartText } from '../charts/braille.ts';
import { boundarySnapshot, epochEvents as epoch, layerStats as layer, runStart, unitActivationsSnapshot } from '@clearprop/training/testing';
import { boundaryCells } from '../charts/heatmap.ts';
import { BoundaryPanel } from './BoundaryPanel.tsx';
import { NeuronPanel } from './NeuronPanel.tsx';
import { initialDashboardState, reduceDashboard } from '../state/dashboard-state.ts';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { EventLog } from './EventLog.tsx';
import { FitPlot } from './FitPlot.tsx';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { LayerPanel } from './LayerPanel.tsx';
import { LossChart } from './LossChart.tsx';
import { MetricsPanel, metricsRowsNeeded } from './MetricsPanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';

afterEach(cleanup);
// Colours off: lastFrame() keeps ANSI codes, which the assertions do not care about.
const frame = (node: Parameters<typeof render>[0]): string[] => (render(node).lastFrame() ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n');

describe('panels rendered to text', () => {
  it('LossChart: the train loss of 1, ½, ¼ … is a straight falling line on the log axis, framed and labelled', () => {
    const history = [1, 0.5, 0.25, 0.125, 0.0625].map((trainLoss, e) => ({ epoch: e + 1, trainLoss, learningRate: 0.1 }));
    const lines = frame(<LossChart history={history} log width={36} height={8} />);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^╭─ loss \(log\) ─+╮$/);
    expect(lines[7]).toMatch(/^╰─+╯$/);
    // The chart is exactly what brailleChart draws for the same series (36 − 2 borders − 9 label columns wide).
    const expected = chartText(brailleChart([{ x: [1, 2, 3, 4, 5], y: history.map((p) => p.trainLoss) }], { width: 25, height: 5, log: true }));
    expect(lines.slice(1, 6).map((l) => l.slice(10, 35))).toEqual(expected);
    expect(lines[1]).toContain('1.00┤');
    expect(lines[5]).toContain('0.0625┤');
    expect(lines[6]).toContain('━ train (mean) 0.0625');
    expect(lines[6]).toContain('epochs 1–5');
  });

  it('ConfusionMatrix: shows the counts, per-class recall and overall accuracy', () => {
    const lines = frame(<ConfusionMatrix confusion={{ epoch: 10, split: 'validation', labels: ['cat', 'dog'], matrix: [[8, 2], [1, 9]] }} width={40} height={7} />);
    expect(lines[0]).toContain('confusion (val) ep 10');
    expect(lines[1]).toMatch(/true\s+cat\s+dog\s+recall/);
    expect(lines[2]).toMatch(/cat\s+8\s+2\s+80%/);
    expect(lines[3]).toMatch(/dog\s+1\s+9\s+90%/);
    expect(lines[4]).toContain('accuracy 85% of 20');
  });

  it('LayerPanel: one row per layer with ‖δ‖, ‖∇W‖, dead and saturated percentages', () => {
    const layers = { latest: [layer(0, { deltaNorm: 0.0123, gradNorm: 4.56, deadFraction: 0.25 }), layer(1, { activation: 'identity', saturatedFraction: 0.5 })], deltaNorms: [[1, 0.1, 0.01], [1]], gradNorms: [[1, 2, 4], [1]] };
    const lines = frame(<LayerPanel layers={layers} width={70} height={6} />);
    expect(lines[1]).toMatch(/#\s+act\s+‖δ‖\s+‖∇W‖\s+dead\s+sat/);
    expect(lines[2]).toMatch(/^│0\s+tanh\s+.*█▅▁\s+0\.0123\s+.*▁▅█\s+4\.56\s+25%\s+0%\s*│$/);
    expect(lines[3]).toMatch(/^│1\s+identity\s+.*0\.500\s+.*0\.250\s+0%\s+50%\s*│$/);
  });

  it('FitPlot: target and prediction on the grid, with the epoch and x range', () => {
    const x = Array.from({ length: 41 }, (_, i) => -Math.PI + (i * 2 * Math.PI) / 40);
    const lines = frame(<FitPlot fit={{ epoch: 5, x, target: x.map(Math.sin), prediction: x.map((v) => 0.9 * Math.sin(v)) }} width={40} height={9} />);
    expect(lines[0]).toContain('fit · epoch 5');
    expect(lines[1]).toContain('1.00┤');
    expect(lines[6]).toContain('-1.00┤');
    expect(lines[7]).toContain('x -3.14…3.14');
  });

  it('Header, ProgressPanel, MetricsPanel, EventLog and Footer show the run at a glance', () => {
    const state = [runStart(), ...epoch(1, 0.5), ...epoch(2, 0.25)].reduce(reduceDashboard, initialDashboardState);
    expect(frame(<Header run={state.run} status="paused" mode="train" replay={null} width={100} />)[0]).toMatch(/clearprop sin\s+1-4-1 tanh\/identity\s+13 params\s+seed 1\s+adam lr 0\.01\s+train ● paused/);
    const progress = frame(<ProgressPanel epoch={3} epochsDone={2} epochs={10} batch={1} batchesPerEpoch={2} step={5} etaMs={800} elapsedMs={200} samplesPerSecond={1234} width={80} />);
    expect(progress[0]).toMatch(/^epoch\s+3\/10 [█-▏]+░+\s+20%\s+ETA 0:01\s+elapsed 0:00/);
    expect(progress[1]).toMatch(/^batch\s+1\/2\s+[█-▏]+░+\s+1,234 samples\/s\s+step 5/);
    const metrics = frame(<MetricsPanel train={state.train} validation={state.validation} learningRate={0.01} learningRates={[0.01, 0.005]} optimizer="adam lr 0.01" width={30} height={9} />).join('\n');
    expect(metrics).toMatch(/train \(mean\)\s+0\.250/);
    expect(metrics).toMatch(/val loss\s+0\.275/);
    expect(metrics).toMatch(/val R²\s+0\.900/);
    expect(metrics).toMatch(/lr\s+0\.0100/);
    const log = frame(<EventLog log={[{ epoch: 4, level: 'error', text: 'NaN loss: lower the learning rate' }]} width={60} height={3} />);
    expect(log[1]).toContain('ep 4     NaN loss: lower the learning rate');
    expect(frame(<Footer mode="train" width={100} />)[0]).toMatch(/p\s+pause\s+\+\/-\s+lr ×2\/÷2\s+s\s+save\s+l\s+log\s+tab\s+view\s+q\s+quit\s+\?\s+help/);
  });

  it('MetricsPanel: the epoch\'s mean train loss during the run, the final weights\' evaluation of every split after it', () => {
    const props = { train: { loss: 0.003241 }, validation: { loss: 0.00198, mse: 0.00198, r2: 0.996 }, learningRate: 5e-4, learningRates: [0.01, 5e-4], optimizer: 'adam lr 0.01', width: 30, height: 10 };
    const running = frame(<MetricsPanel {...props} final={null} />);
    expect(running[0]).toMatch(/^╭─ metrics ─+╮$/);
    expect(running[1]).toMatch(/^│train \(mean\) {2}0\.00324 +│$/);
    expect(running[2]).toMatch(/^│val loss {6}0\.00198 +│$/);
    const final = frame(<MetricsPanel {...props} final={{ train: { loss: 0.003105, mse: 0.003105, r2: 0.99 }, validation: { loss: 0.00198, r2: 0.996 }, test: { loss: 0.01, accuracy: 0.9 } }} />);
    expect(final[0]).toMatch(/^╭─ final weights ─+╮$/);
    // Losses side by side first, then the held-out splits' accuracy or R² before the training set's.
    expect(final.slice(1, 7).map((l) => l.replace(/^│|\s*│$/g, '').replace(/\s+/g, ' '))).toEqual([
      'train loss 0.00311', 'val loss 0.00198', 'test loss 0.0100', 'val R² 0.996', 'test acc 90%', 'train R² 0.990',
    ]);
  });

  it('BoundaryPanel: the map as boundaryCells draws it, the classes with their point shapes, the axes with their ranges', () => {
    const { type: _type, ...boundary } = boundarySnapshot(12);
    const lines = frame(<BoundaryPanel boundary={boundary} width={12} height={10} mode="mono" />);
    expect(lines[0]).toBe('╭─ boundar─╮');
    const map = boundaryCells(boundary, { width: 10, height: 6 }, 'mono').map((row) => `│${row.map((c) => c.char).join('')}│`);
    expect(lines.slice(1, 7)).toEqual(map);
    expect(lines[7]).toBe('│● a  ▲ b …│');
    expect(lines[8]).toBe('│→ x 0.062…│');
    const wide = frame(<BoundaryPanel boundary={boundary} width={70} height={10} mode="mono" />);
    expect(wide[0]).toContain('boundary · epoch 12');
    expect(wide[7]).toMatch(/● a {2}▲ b {2}○△ validation/);
    expect(wide[8]).toMatch(/→ x 0\.0625…0\.938 {3}↑ y 0\.125…0\.875/);
  });

  it('NeuronPanel: one map per hidden unit (2-D runs), else per-unit histograms with dead and saturated units marked', () => {
    const { type: _b, ...boundary } = boundarySnapshot(3);
    const maps = frame(<NeuronPanel boundary={boundary} units={null} width={60} height={12} mode="mono" />);
    expect(maps[0]).toContain('neurons · epoch 3 · x → y ↑');
    expect(maps[1]).toContain('layer 0 · tanh · 2 units, each on its own scale');
    // Each on its own peak: unit 0 = x ∈ [0.06, 0.94] is never negative, so it runs from blank to █ left to right;
    // unit 1 = −y is lightest on the top line (y = 0.875, its peak → ' ') and darker below.
    // 58 × 10 inside: two 24-wide maps of 6 lines side by side (layoutMaps), monochrome one grid row per line.
    const mapLines = maps.slice(2, 8).map((l) => l.slice(1, -1));
    for (const line of mapLines) expect([line[0], line[23], line[24]]).toEqual([' ', '█', ' ']);
    expect(mapLines[0].slice(25, 49)).toBe(' '.repeat(24));
    expect(mapLines[5].slice(25, 49)).toBe('▒'.repeat(24));
    const { type: _u, ...units } = unitActivationsSnapshot(4);
    const histograms = frame(<NeuronPanel boundary={null} units={units} width={80} height={9} />);
    expect(histograms[0]).toContain('unit activations (val, 10 rows) · epoch 4');
    expect(histograms[2]).toContain('layer 0 · relu · 0…2.00 · 1 dead · 0 saturated');
    // Unit 0 counts 4 3 2 1 → bars █▆▄▂; unit 1 all in bin 0, marked dead; unit 2 counts 1 2 3 4.
    expect(histograms[3]).toMatch(/│0 {3}█▆▄▂ {4}1 {3}█ {4}✗ {2}2 {3}▂▄▆█/);
    expect(histograms[4]).toContain('layer 1 · tanh · -1.00…1.00 · 0 dead · 1 saturated');
    // tanh unit 0: all 10 rows in the last bin, saturated.
    expect(histograms[5]).toMatch(/│0 {6}█ !/);
  });

  it('MetricsPanel: the penalty beside the train loss, accuracy / F1 and AUC of a classifier, during and after the run', () => {
    const props = {
      train: { loss: 0.2134, penalty: 0.00451 }, validation: { loss: 0.25, accuracy: 0.95, f1: 0.9412, auc: 0.9876 },
      learningRate: 1e-3, learningRates: [1e-3], optimizer: 'adam lr 0.001', width: 30, height: 9,
    };
    const running = frame(<MetricsPanel {...props} final={null} />).map((l) => l.replace(/^│|\s*│$/g, '').replace(/\s+/g, ' '));
    expect(running.slice(1, 6)).toEqual(['train (mean) 0.213', '+ penalty 0.00451', 'val loss 0.250', 'val acc/F1 95% / 0.941', 'val AUC 0.988']);
    const final = frame(<MetricsPanel {...props} final={{ train: { loss: 0.2, accuracy: 0.97 }, test: { loss: 0.3, accuracy: 0.9, f1: 0.8888, auc: 0.95 } }} />);
    expect(final.slice(1, 5).map((l) => l.replace(/^│|\s*│$/g, '').replace(/\s+/g, ' '))).toEqual(['train loss 0.200', 'test loss 0.300', 'test acc/F1 90% / 0.889', 'test AUC 0.950']);
  });

  it('metricsRowsNeeded: room for every row when there is a penalty, F1 or AUC; none asked otherwise', () => {
    expect(metricsRowsNeeded({ train: { loss: 1 }, validation: { loss: 1, r2: 0.5, mse: 1 }, final: null })).toBe(0);
    expect(metricsRowsNeeded({ train: { loss: 1, penalty: 0.1 }, validation: { loss: 1, accuracy: 0.5, f1: 0.5, auc: 0.6 }, final: null })).toBe(5);
  });
});
