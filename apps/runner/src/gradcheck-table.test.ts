import { describe, expect, it } from '@jest/globals';
import { gradcheckTable } from './gradcheck-table.ts';

describe('gradcheckTable', () => {
  it('aligns the columns, marks tensors over the tolerance, and ends with a verdict', () => {
    const text = gradcheckTable([
      { layer: 0, tensor: 'weight', size: 128, maxRelativeError: 1e-9, maxAbsoluteError: 2e-10 },
      { layer: 1, tensor: 'bias', size: 3, maxRelativeError: 0.02, maxAbsoluteError: 0.001 },
    ], { tolerance: 1e-5, title: 'xor' });
    expect(text).toBe([
      'gradient check: xor',
      'layer  tensor  size  max rel error  max abs error',
      '0      weight   128        1.00e-9       2.00e-10    ok',
      '1      bias       3           0.02          0.001  FAIL',
      '1 of 2 tensors over 0.00001',
      '',
    ].join('\n'));
  });
});
