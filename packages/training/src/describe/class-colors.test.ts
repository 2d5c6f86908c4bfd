import { describe, expect, it } from '@jest/globals';
import { activationColor, boundaryColor, cellClass, mixColors } from './class-colors.ts';

describe('class colours', () => {
  it('cellClass: argmax and confidence rescaled from chance to certainty', () => {
    expect(cellClass([0.2, 0.8], 0, 2)).toEqual({ k: 1, confidence: expect.closeTo(0.6, 12) });
    expect(cellClass([9, 9, 0.5, 0.25, 0.25], 2, 3)).toEqual({ k: 0, confidence: expect.closeTo(0.25, 12) });
    expect(cellClass([0.5, 0.5], 0, 2)).toEqual({ k: 0, confidence: 0 });
  });

  it('mixes channel by channel; a boundary cell fades to the neutral colour with its confidence', () => {
    expect(mixColors('#000000', '#ff8040', 0.5)).toBe('#804020');
    expect(boundaryColor({ k: 0, confidence: 1 }, '#000000')).toBe('#4e79a7');
    // 0.15 of #4e79a7 over white: 255 − 0.15·(255 − 78) = 228.45 → e4, 255 − 0.15·134 = 234.9 → eb, 255 − 0.15·88 = 241.8 → f2.
    expect(boundaryColor({ k: 0, confidence: 0 }, '#ffffff')).toBe('#e4ebf2');
    expect(activationColor(-2, 2, '#000000')).toBe('#f28e2b');
    expect(activationColor(1, 2, '#000000')).toBe('#273d54');
    expect(activationColor(5, 0, '#123456')).toBe('#123456');
  });
});
