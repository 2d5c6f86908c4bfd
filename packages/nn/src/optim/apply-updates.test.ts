import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { applyUpdates, applyUpdatesInPlace } from './apply-updates.ts';

const params = () => ({ w: tensor([1, 2], [2]), rest: [tensor([3], [1], { dtype: 'float64' })] });
const updates = () => ({ w: tensor([0.5, -1], [2]), rest: [tensor([0.25], [1], { dtype: 'float64' })] });

describe('applyUpdates', () => {
  it('returns params + updates without touching its inputs', () => {
    const p = params();
    const u = updates();
    const next = applyUpdates(p, u);
    expect(Array.from(next.w.data)).toEqual([1.5, 1]);
    expect(Array.from((next.rest[0] as Tensor).data)).toEqual([3.25]);
    expect(next.rest[0].dtype).toBe('float64');
    expect(Array.from(p.w.data)).toEqual([1, 2]);
    expect(Array.from(u.w.data)).toEqual([0.5, -1]);
  });

  it('applyUpdatesInPlace overwrites the params buffers', () => {
    const p = params();
    const buffer = p.w.data;
    applyUpdatesInPlace(p, updates());
    expect(p.w.data).toBe(buffer);
    expect(Array.from(p.w.data)).toEqual([1.5, 1]);
  });

  it('rejects updates of another structure, naming the path', () => {
    expect(() => applyUpdates(params(), { w: tensor([1], [1]), rest: [] })).toThrow(/"w"/);
    expect(() => applyUpdates(params(), { v: tensor([1, 2], [2]) })).toThrow(/"w"/);
    expect(() => applyUpdates(params(), { w: tensor([1, 2], [2]), rest: [tensor([1], [1]), tensor([1], [1])] })).toThrow(
      'optim: trees have different structures',
    );
  });
});
