import { describe, expect, it } from '@jest/globals';
import { resolveLoss, sequential, sgd, type ActivationSpec } from '@clearprop/nn';
import { createRng, tsKernels } from '@clearprop/tensor';
import { diagnoseDivergence } from './diagnose.ts';
import { createEngine, type Engine } from './engine.ts';
import { gradientStats } from './layer-stats.ts';

/** An engine over a 2-3-…-3 net of the given activations, its workspace filled with hand-picked z and a for 2 rows. */
function engineWith(activations: readonly ActivationSpec[], rowsOf: (l: number) => { readonly z: number[]; readonly a: number[] }): Engine {
  const model = sequential({ inputs: 2, layers: activations.map((activation) => ({ units: 3, activation })) });
  const engine = createEngine({ model, loss: resolveLoss('meanSquaredError'), optimizer: sgd(0.1), kernels: tsKernels, params: model.init(createRng(1)), capacity: 2 });
  activations.forEach((_, l) => {
    engine.ws.z[l].set(rowsOf(l).z);
    engine.ws.a[l].set(rowsOf(l).a);
  });
  return engine;
}

const z = [1, -1, 0, -2, -3, 0.5]; // unit 1 is ≤ 0 on both rows, units 0 and 2 fire once
const a = [0.005, 0.5, 0.995, -0.995, 0.2, 0.999]; // four outside [0.01, 0.99] (0.005, 0.995, −0.995, 0.999), three outside [−0.99, 0.99]

describe('layer stats from the activation traits', () => {
  it('counts dead units for the ReLU family and saturated outputs by each activation’s range', () => {
    const layers: ActivationSpec[] = ['relu', { name: 'leakyRelu', alpha: 0.1 }, 'sigmoid', 'tanh', 'identity'];
    const stats = gradientStats(engineWith(layers, () => ({ z, a })), 2);
    expect(stats.map((s) => [s.activation, s.deadFraction, s.saturatedFraction])).toEqual([
      ['relu', 1 / 3, 0],
      ['leakyRelu', 1 / 3, 0],
      ['sigmoid', 0, 4 / 6],
      ['tanh', 0, 3 / 6],
      ['identity', 0, 0],
    ]);
  });
});

describe('divergence diagnosis from the activation traits', () => {
  it('blames saturation when most outputs of the saturating layers sit outside their range', () => {
    const engine = engineWith(['tanh', 'relu', 'sigmoid'], (l) => ({ z, a: l === 1 ? [5, 5, 5, 5, 5, 5] : [-1, 1, -1, 1, 0.999, 1] }));
    engine.ws.z[0][0] = Number.NaN;
    expect(diagnoseDivergence(engine, 2, 0.5)).toEqual({
      layer: 0, cause: 'saturation', message: 'non-finite values first in layer 0 (tanh); 100% of tanh/sigmoid units are saturated',
    });
  });
  it('leaves layers without a saturation range out of the count', () => {
    // Were the relu layer counted (none of its outputs saturated), only half the outputs would be saturated.
    const engine = engineWith(['relu', 'sigmoid'], (l) => ({ z, a: l === 0 ? [0, 0, 0, 0, 0, 0] : [0, 1, 0, 1, 0.001, 0.9999] }));
    expect(diagnoseDivergence(engine, 2, 0.5)).toMatchObject({ cause: 'saturation', message: expect.stringContaining('100% of sigmoid units are saturated') });
  });
  it('falls back to the learning rate when most outputs are inside their range', () => {
    const engine = engineWith(['relu', 'sigmoid'], () => ({ z, a }));
    expect(diagnoseDivergence(engine, 2, 0.5)).toEqual({ layer: null, cause: 'learningRateTooHigh', message: 'non-finite values first in the loss at learning rate 0.5: lower it or clip gradients' });
  });
});
