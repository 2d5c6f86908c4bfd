import { describe, expect, it } from '@jest/globals';
import { predictionsCsv } from './predictions-csv.ts';

describe('predictionsCsv', () => {
  it('regression: one column per target', () => {
    expect(predictionsCsv([1, 2, 3, 4], 2, { task: 'regression', targetNames: ['a', 'b'], classLabels: [] })).toBe('a,b\n1,2\n3,4\n');
  });

  it('classification: the argmax label, then one probability column per class', () => {
    expect(predictionsCsv([0.1, 0.7, 0.2, 0.6, 0.3, 0.1], 2, { task: 'classification', targetNames: ['label'], classLabels: ['x', 'y', 'z'] }))
      .toBe('predicted,p_x,p_y,p_z\ny,0.1,0.7,0.2\nx,0.6,0.3,0.1\n');
  });

  it('a single sigmoid output is thresholded at 0.5', () => {
    expect(predictionsCsv([0.8, 0.1], 2, { task: 'classification', targetNames: ['label'], classLabels: ['no', 'yes'] })).toBe('predicted,p_no\nyes,0.8\nno,0.1\n');
  });
});
