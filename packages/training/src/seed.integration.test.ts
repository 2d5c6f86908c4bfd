import { describe, expect, it } from '@jest/globals';
import { sampleFunction, sinDataset } from '@clearprop/data';
import { lastValueFrom, toArray } from 'rxjs';
import type { TrainingEvent } from './events.ts';
import { presetConfig } from './experiments/presets.ts';
import { buildExperiment } from './experiments/build.ts';
import { train } from './train.ts';

const epochLosses = (events: readonly TrainingEvent[]) => events.flatMap((e) => (e.type === 'epochEnd' ? [e.trainLoss] : []));

describe("the seed's setting (blog Code 2): 1-2-4-2-1 sigmoid, ½Σ(ŷ−y)², batch 5, lr 1.5, poly decay, sin grid", () => {
  it('the loss falls, then plateaus above the floor a (0, 1) output can reach', async () => {
    const experiment = buildExperiment(presetConfig('seed-code2'));
    expect(experiment.spec.train.length).toBe(315);
    const events = await lastValueFrom(train(experiment.spec, { batchEvents: false }).pipe(toArray()));
    const losses = epochLosses(events);
    expect(losses).toHaveLength(500);
    expect(Math.min(...losses.slice(-50))).toBeLessThan(losses[0]);
    // Plateau: the last 100 epochs move the loss by less than 1%.
    const tail = losses.slice(-100);
    expect((Math.max(...tail) - Math.min(...tail)) / tail[0]).toBeLessThan(0.01);
    // A sigmoid output is in (0, 1): on sin's negative half the best it can do is ŷ → 0, costing ½·sin²(x) there.
    const sin = sinDataset();
    let floor = 0;
    for (let i = 0; i < sin.length; i++) if (sin.y[i] < 0) floor += 0.5 * sin.y[i] * sin.y[i];
    floor /= sin.length;
    expect(losses[losses.length - 1]).toBeGreaterThan(floor);
    const end = events[events.length - 1];
    expect(end.type === 'runEnd' && end.final.train?.r2).toBeLessThan(0.5);
  });
});

describe('a small tanh net with an identity output', () => {
  it('fits sin(x) on [−π, π] to MSE ≤ 1e-3', async () => {
    const data = sampleFunction(Math.sin, { from: -Math.PI, to: Math.PI, count: 128 });
    const events = await lastValueFrom(
      train(
        {
          model: { inputs: 1, layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
          loss: 'meanSquaredError',
          optimizer: { name: 'adam', lr: 0.01, schedule: { name: 'cosine', alpha: 0.05 } },
          train: data,
          epochs: 300,
          batchSize: 16,
          seed: 3,
        },
        { batchEvents: false },
      ).pipe(toArray()),
    );
    const end = events[events.length - 1];
    expect(end.type).toBe('runEnd');
    expect(end.type === 'runEnd' && end.final.train?.mse).toBeLessThanOrEqual(1e-3);
  });
});
