import { lastValueFrom } from 'rxjs';
import { xor } from '@clearprop/data';
import { ofType } from './operators/of-type.ts';
import { train } from './train.ts';
import type { TrainSpec } from './spec.ts';

const spec: TrainSpec = {
  model: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'sgd', lr: 0.5 },
  train: xor(),
  validation: xor(),
  epochs: 2,
  batchSize: 4,
  seed: 1,
};

describe('train() finalMetrics option', () => {
  it('evaluates every split by default and only the listed ones when given', async () => {
    const all = await lastValueFrom(train(spec, { batchEvents: false }).pipe(ofType('runEnd')));
    expect(Object.keys(all.final).sort()).toEqual(['train', 'validation']);
    const some = await lastValueFrom(train(spec, { batchEvents: false, finalMetrics: ['validation'] }).pipe(ofType('runEnd')));
    expect(Object.keys(some.final)).toEqual(['validation']);
    expect(some.final.validation).toEqual(all.final.validation);
    const none = await lastValueFrom(train(spec, { batchEvents: false, finalMetrics: [] }).pipe(ofType('runEnd')));
    expect(none.final).toEqual({});
  });
});
