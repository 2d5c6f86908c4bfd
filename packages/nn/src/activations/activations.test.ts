import { describe, expect, it } from '@jest/globals';
import { identity, leakyRelu, relu, sigmoid, tanh } from './elementwise-activations.ts';
import { prelu } from './prelu.ts';
import { resolveActivation } from './resolve.ts';
import { softmax } from './softmax.ts';

const run = (act: ReturnType<typeof relu>, z: number[], cols = z.length, alpha?: number[]) => {
  const out = new Float64Array(z.length);
  act.forward(Float64Array.from(z), out, z.length / cols, cols, alpha && Float64Array.from(alpha));
  return Array.from(out);
};

describe('activation forward fixtures', () => {
  it('relu of [-1, 0, 1] is [0, 0, 1] (tinygrad test_relu_exact)', () => expect(run(relu(), [-1, 0, 1])).toEqual([0, 0, 1]));
  it('leaky relu scales negatives by alpha', () => expect(run(leakyRelu(0.5), [-2, 0, 3])).toEqual([-1, 0, 3]));
  it('prelu uses one slope per unit', () => expect(run(prelu(), [-2, -2, 3], 3, [0.1, 0.5, 0.9])).toEqual([-0.2, -1, 3]));
  it('sigmoid is 1/2 at 0, stable for large |z|', () => {
    const [a, b, c] = run(sigmoid(), [0, 1000, -1000]);
    expect([a, b, c]).toEqual([0.5, 1, 0]);
  });
  it('tanh and identity', () => {
    expect(run(tanh(), [0, 1])[1]).toBeCloseTo(Math.tanh(1), 15);
    expect(run(identity(), [-3, 4])).toEqual([-3, 4]);
  });
  it('softmax rows sum to one and survive huge logits', () => {
    const out = run(softmax(), [1, 2, 3, 1000, 1000, 0], 3);
    expect(out[0] + out[1] + out[2]).toBeCloseTo(1, 12);
    expect(out.slice(3)).toEqual([0.5, 0.5, 0]);
    expect(out[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
  });
});

describe('resolveActivation', () => {
  it('accepts names and option objects', () => {
    expect(resolveActivation('relu').name).toBe('relu');
    expect(resolveActivation({ name: 'leakyRelu', alpha: 0.5 }).alpha).toBe(0.5);
  });
  it('names the valid choices for an unknown activation and refuses alpha where meaningless', () => {
    expect(() => resolveActivation('swish' as never)).toThrow('unknown activation "swish"; expected one of sigmoid, tanh, relu, leakyRelu, prelu, softmax, identity');
    expect(() => resolveActivation({ name: 'tanh', alpha: 1 })).toThrow('activation "tanh" takes no alpha');
  });
});
