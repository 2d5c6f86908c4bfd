import { describe, expect, it } from '@jest/globals';
import { applyScaler, applyScalerInPlace, fitStandardizer, fromArrays, type Dataset } from '@clearprop/data';
import { createWorkspace, forward, predict, sequential, type ModelSpec } from '@clearprop/nn';
import { createRng, fromData, tsKernels } from '@clearprop/tensor';
import type { TrainingEvent } from '../events.ts';
import type { TrainSpec } from '../spec.ts';
import { boundaryGrid, MAX_HIDDEN_VALUES } from './boundary-grid.ts';
import { boundaryEvent } from './boundary.ts';
import { histogramsDue } from './unit-activations.ts';
import { createRun, type RunState } from './run-state.ts';
import { ended, step } from './step.ts';

type Boundary = Extract<TrainingEvent, { type: 'boundary' }>;

// Twelve points, by hand: class "left" at x ≤ 4, class "right" at x ≥ 6; x spans 0…10 and y −2…2 (original units).
const RAW_X = [[0, -2], [1, 1], [2, 0], [3, 2], [4, -1], [4, 1], [6, 0], [7, 2], [8, -2], [9, 1], [10, 0], [10, -1]];
const raw = fromArrays(RAW_X, RAW_X.map(([x]) => (x < 5 ? [1, 0] : [0, 1])), {
  task: 'classification', featureNames: ['length', 'width'], classLabels: ['left', 'right'],
});
const scaler = fitStandardizer(raw);

function specFor(over: Partial<TrainSpec> = {}): TrainSpec {
  return {
    name: 'hand', model: { inputs: 2, layers: [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'relu' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.05 }, train: applyScaler(scaler, raw), normalization: scaler,
    epochs: 4, batchSize: 4, seed: 3, ...over,
  };
}

function drain(state: RunState): TrainingEvent[] {
  const events: TrainingEvent[] = [];
  while (!ended(state)) events.push(...step(state));
  return events;
}
const boundaries = (events: readonly TrainingEvent[]) => events.filter((e): e is Boundary => e.type === 'boundary');

/** The grid points of an event as model inputs: original units → the run's scaler, as a user would map them. */
function gridInputs(event: Boundary, normalization = scaler): Float32Array {
  const inputs = Float32Array.from(event.y.flatMap((y) => event.x.flatMap((x) => [x, y])));
  applyScalerInPlace(normalization, inputs, inputs.length / 2, 2);
  return inputs;
}

describe('boundary snapshots', () => {
  it('span the data plus 10% in original units, on 64×32 cell centres, every snapshotEvery epochs and at the last', () => {
    const events = drain(createRun(specFor({ epochs: 5 }), { kernels: tsKernels, snapshotEvery: 2 }));
    const found = boundaries(events);
    expect(found.map((e) => e.epoch)).toEqual([2, 4, 5]);
    const [event] = found;
    expect(event.features).toEqual(['length', 'width']);
    expect(event.labels).toEqual(['left', 'right']);
    expect(event.x).toHaveLength(64);
    expect(event.y).toHaveLength(32);
    // x: 0…10 widened by 1 on each side → cells of 12/64 from −1; y: −2…2 widened by 0.4 → cells of 4.8/32 from −2.4.
    event.x.forEach((x, j) => expect(x).toBeCloseTo(-1 + (j + 0.5) * (12 / 64), 5));
    event.y.forEach((y, i) => expect(y).toBeCloseTo(-2.4 + (i + 0.5) * (4.8 / 32), 5));
    // Each snapshot comes right after its epochEnd's confusion matrix.
    const at = events.indexOf(found[0]);
    expect(events.slice(at - 2, at).map((e) => e.type)).toEqual(['epochEnd', 'confusionMatrix']);
  });

  it('probabilities equal predict at the grid points (to the 4 decimals kept); hidden maps equal forward activations', () => {
    const state = createRun(specFor(), { kernels: tsKernels });
    const event = boundaries(drain(state)).at(-1) as Boundary;
    const model = sequential(specFor().model);
    const params = state.engine.params;
    const inputs = gridInputs(event);
    const expected = predict(model, params, fromData(inputs, [inputs.length / 2, 2])).data;
    expect(event.probabilities).toHaveLength(64 * 32 * 2);
    event.probabilities.forEach((p, i) => expect(Math.abs(p - expected[i])).toBeLessThanOrEqual(5e-5 + 1e-7));
    // The map is not trivially flat: the trained net puts the left half on "left".
    expect(event.probabilities[(16 * 64 + 2) * 2]).toBeGreaterThan(0.5);
    expect(event.probabilities[(16 * 64 + 61) * 2 + 1]).toBeGreaterThan(0.5);
    // Hidden maps: both hidden layers, all units; 8 units × 64×32 would pass the budget, so every 2nd point.
    const { hidden } = event;
    expect(hidden.layers.map((l) => [l.layer, l.activation, l.units, l.shown])).toEqual([[0, 'tanh', 5, 5], [1, 'relu', 3, 3]]);
    expect(hidden.x).toEqual(event.x.filter((_, j) => j % 2 === 1));
    expect(hidden.y).toEqual(event.y.filter((_, i) => i % 2 === 1));
    const sub = gridInputs({ ...event, x: hidden.x, y: hidden.y });
    const { a } = forward(model, params, fromData(sub, [32 * 16, 2]));
    hidden.layers.forEach((layer, l) => {
      for (let u = 0; u < layer.shown; u++) {
        const exact = Array.from({ length: 32 * 16 }, (_, cell) => a[l].data[cell * layer.units + u]);
        const peak = Math.max(...exact.map(Math.abs));
        exact.forEach((v, cell) => expect(Math.abs(layer.values[u * 32 * 16 + cell] - v)).toBeLessThanOrEqual(peak * 5e-3 + 1e-9));
      }
    });
  });

  it('carries the training and validation points in original units with their class', () => {
    const validation = applyScaler(scaler, fromArrays([[5, 0], [0, 0]], [[0, 1], [1, 0]], { task: 'classification', featureNames: ['length', 'width'], classLabels: ['left', 'right'] }));
    const event = boundaries(drain(createRun(specFor({ validation, epochs: 1 }), { kernels: tsKernels })))[0];
    // Rounded to 1/10000 of each axis's power of ten (steps of 0.001 on x's span of 12, 0.0001 on y's 4.8).
    expect(event.points.train.x).toEqual(RAW_X.map(([x]) => x));
    expect(event.points.train.y).toEqual(RAW_X.map(([, y]) => y));
    expect(event.points.train.label).toEqual(RAW_X.map(([x]) => (x < 5 ? 0 : 1)));
    expect(event.points.validation).toEqual({ x: [5, 0], y: [0, 0], label: [1, 0] });
  });

  it('one sigmoid output gives [1 − p, p]; an identity output under softmaxCrossEntropy gives softmax of the logits', () => {
    // No dataset has a single-column class target yet, so the grid is built for the two-class data and evaluated
    // with a 2-4-1 sigmoid model directly.
    const sigmoidModel = sequential({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    const grid = boundaryGrid(specFor({ loss: 'binaryCrossEntropy' }), sigmoidModel);
    if (!grid) throw new Error('no grid');
    const weights = sigmoidModel.init(createRng(5));
    const event = boundaryEvent(grid, { model: sigmoidModel, params: weights, kernels: tsKernels, ws: createWorkspace(sigmoidModel, 100) }, 7);
    expect(event).toMatchObject({ epoch: 7, labels: ['left', 'right'] });
    const p = predict(sigmoidModel, weights, fromData(gridInputs(event), [64 * 32, 2])).data;
    for (let cell = 0; cell < 64 * 32; cell++) {
      expect(Math.abs(event.probabilities[cell * 2 + 1] - p[cell])).toBeLessThanOrEqual(5e-5 + 1e-7);
      expect(Math.abs(event.probabilities[cell * 2] - (1 - p[cell]))).toBeLessThanOrEqual(5e-5 + 1e-7);
    }
    const logitSpec = specFor({ model: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'identity' }] } });
    const logitRun = createRun(logitSpec, { kernels: tsKernels });
    const logits = boundaries(drain(logitRun)).at(-1) as Boundary;
    const z = predict(sequential(logitSpec.model), logitRun.engine.params, fromData(gridInputs(logits), [64 * 32, 2])).data;
    for (let cell = 0; cell < 64 * 32; cell += 37) {
      const softmax1 = 1 / (1 + Math.exp(z[cell * 2] - z[cell * 2 + 1]));
      expect(logits.probabilities[cell * 2 + 1]).toBeCloseTo(softmax1, 4);
    }
  });

  it('stays within the size budget on a wide net: a coarser neuron grid, then units left out; JSON round-trips', () => {
    const wide: ModelSpec = { inputs: 2, layers: [{ units: 300, activation: 'relu' }, { units: 300, activation: 'relu' }, { units: 2, activation: 'softmax' }] };
    const event = boundaries(drain(createRun(specFor({ model: wide, epochs: 1 }), { kernels: tsKernels })))[0];
    const values = event.hidden.layers.reduce((n, l) => n + l.values.length, 0);
    expect(values).toBeLessThanOrEqual(MAX_HIDDEN_VALUES);
    expect([event.hidden.x.length, event.hidden.y.length]).toEqual([8, 4]);
    expect(event.hidden.layers.map((l) => [l.units, l.shown])).toEqual([[300, 256], [300, 0]]);
    for (const l of event.hidden.layers) expect(l.values).toHaveLength(l.shown * 32);
    // The subgrid is a subset of the grid (every 8th point, centred).
    expect(event.hidden.x).toEqual([4, 12, 20, 28, 36, 44, 52, 60].map((j) => event.x[j]));
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    expect(JSON.stringify(event).length).toBeLessThan(120_000);
  });

  it('is not emitted for a 5-feature run (no plane to draw on), nor with boundaryGrid: false; the grid size is checked', () => {
    const five = fromArrays(RAW_X.map(([x, y]) => [x, y, x + y, x - y, 1]), RAW_X.map(([x]) => (x < 5 ? [1, 0] : [0, 1])), { task: 'classification' });
    const fiveSpec: TrainSpec = { ...specFor(), train: five, normalization: undefined, model: { inputs: 5, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }] } };
    const fiveEvents = drain(createRun(fiveSpec, { kernels: tsKernels }));
    expect(boundaries(fiveEvents)).toEqual([]);
    expect(fiveEvents.some((e) => e.type === 'unitActivations')).toBe(true);
    expect(boundaries(drain(createRun(specFor(), { boundaryGrid: false })))).toEqual([]);
    const small = boundaries(drain(createRun(specFor({ epochs: 1 }), { boundaryGrid: { width: 3, height: 2 } })))[0];
    expect([small.x.length, small.y.length, small.probabilities.length]).toEqual([3, 2, 12]);
    expect(() => createRun(specFor(), { boundaryGrid: { width: 1, height: 32 } })).toThrow('boundaryGrid.width must be an integer in 2…512, got 1');
  });
});

describe('unit activation histograms', () => {
  it('come with at most 25 snapshots a run (every k-th) and always with the last', () => {
    const due = (epochs: number, every: number) => Array.from({ length: epochs }, (_, e) => e + 1).filter((e) => e % every === 0 || e === epochs).filter((e) => histogramsDue(e, epochs, every, e === epochs));
    // 500 epochs, a snapshot every 5: 100 snapshots → every 4th, epochs 20, 40, … 500.
    expect(due(500, 5)).toEqual(Array.from({ length: 25 }, (_, i) => 20 * (i + 1)));
    // 60 epochs, every one: every 3rd; 7 epochs every 2: all four snapshots (2, 4, 6 and the last, 7).
    expect(due(60, 1)).toEqual(Array.from({ length: 20 }, (_, i) => 3 * (i + 1)));
    expect(due(7, 2)).toEqual([2, 4, 6, 7]);
  });

  // One input in [0, 1]; hand-set weights: unit 0 = relu(x) (alive), unit 1 = relu(−x − 1) (dead on every row),
  // unit 2 = relu(2x) (alive); in the tanh layer, unit 0 = tanh(50·x + 10) (saturated), unit 1 = tanh(0.1·x) (not).
  const data: Dataset = fromArrays(Array.from({ length: 10 }, (_, i) => [i / 9]), Array.from({ length: 10 }, (_, i) => [i / 9]));
  const spec: TrainSpec = {
    model: { inputs: 1, layers: [{ units: 3, activation: 'relu' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
    loss: 'meanSquaredError', optimizer: { name: 'sgd', lr: 0 }, train: data, epochs: 1, batchSize: 10, seed: 1,
  };
  const params = [
    { weight: fromData(Float32Array.of(1, -1, 2), [3, 1]), bias: fromData(Float32Array.of(0, -1, 0), [3]) },
    { weight: fromData(Float32Array.of(25, 0, 25, 0.1, 0, 0), [2, 3]), bias: fromData(Float32Array.of(10, 0), [2]) },
    { weight: fromData(Float32Array.of(1, 1), [1, 2]), bias: fromData(Float32Array.of(0), [1]) },
  ];

  it('counts each unit over the rows, marks dead and saturated units, and ranges saturating layers over their bounds', () => {
    const events = drain(createRun(spec, { kernels: tsKernels, resumeFrom: { params } }));
    const event = events.find((e) => e.type === 'unitActivations');
    if (event?.type !== 'unitActivations') throw new Error('no unitActivations event');
    expect(event).toMatchObject({ epoch: 1, split: 'train', rows: 10, bins: 16 });
    const [relu, tanh] = event.layers;
    expect(relu).toMatchObject({ layer: 0, activation: 'relu', units: 3, shown: 3, range: [0, 2], dead: [1], saturated: [] });
    // relu(x) over x = 0, 1/9, …, 1 on 16 bins of [0, 2]: bin ⌊x·8⌋ → 0,0,1,2,3,4,5,6,7 and 8 for x = 1.
    expect(relu.counts.slice(0, 16)).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(relu.counts.slice(16, 32)).toEqual([10, ...Array(15).fill(0)]);
    expect(relu.counts.slice(32).reduce((a, b) => a + b, 0)).toBe(10);
    expect(tanh).toMatchObject({ activation: 'tanh', range: [-0.99, expect.any(Number)], dead: [], saturated: [0] });
    expect(tanh.range[1]).toBeGreaterThan(0.99);
    // tanh(0.1·x) ≤ 0.1 sits in the bins just above 0 of [−0.99, ~1]: bin 7 (−0.114…0.011) and bin 8.
    expect(tanh.counts.slice(16).reduce((a, b) => a + b, 0)).toBe(10);
    expect(tanh.counts.slice(16, 16 + 7).every((c) => c === 0)).toBe(true);
  });
});
