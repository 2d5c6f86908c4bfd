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

  it('a single sigmoid output is P(positive class): predicted,p_<positive>, thresholded at 0.5', () => {
    expect(predictionsCsv([0.8, 0.1], 2, { task: 'classification', targetNames: ['label'], classLabels: ['no', 'yes'] })).toBe('predicted,p_yes\nyes,0.8\nno,0.1\n');
    expect(predictionsCsv([0.8, 0.1], 2, { task: 'classification', targetNames: ['label'], classLabels: ['0', '1'] })).toBe('predicted,p_1\n1,0.8\n0,0.1\n');
  });

  it('… or at the model’s threshold', () => {
    expect(predictionsCsv([0.8, 0.6, 0.71], 3, { task: 'classification', targetNames: ['label'], classLabels: ['0', '1'], threshold: 0.7 })).toBe('predicted,p_1\n1,0.8\n0,0.6\n1,0.71\n');
  });
});
