import { describe, expect, it } from '@jest/globals';
import { parseCsv, type CsvOptions } from '@clearprop/data';
import { buildExperiment } from './build.ts';
import { ConfigError, parseConfig } from './schema.ts';

const config = parseConfig({
  name: 'tiny',
  data: { train: 'train.csv', validation: 'more/validation.csv', target: 'label', task: 'classification' },
  model: { layers: [{ units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'sgd', lr: 0.1 },
  epochs: 1,
  batchSize: 2,
  seed: 1,
});
const files: Record<string, string> = {
  'train.csv': 'a,b,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n',
  'more/validation.csv': 'a,b,label\n1,1,1\n0,0,0\n',
};

describe('buildExperiment with CSV data', () => {
  it('reads every file the config names through readCsv, with the config as options', () => {
    const calls: [string, Omit<CsvOptions, 'source'>][] = [];
    const experiment = buildExperiment(config, {
      readCsv: (path, options) => {
        calls.push([path, options]);
        return parseCsv(files[path], { ...options, source: path });
      },
    });
    expect(calls.map(([path]) => path)).toEqual(['train.csv', 'more/validation.csv']);
    expect(calls[0][1]).toEqual({ target: 'label', task: 'classification' });
    // The validation file takes the class count of the training file, so the one-hot widths agree.
    expect(calls[1][1]).toMatchObject({ target: 'label', task: 'classification', classes: 2 });
    expect(experiment.spec.train.length).toBe(4);
    expect(experiment.spec.validation?.length).toBe(2);
  });

  it('without readCsv (a browser, say) throws ConfigError naming the field and the way out', () => {
    expect(() => buildExperiment(config)).toThrow(ConfigError);
    expect(() => buildExperiment(config)).toThrow(/^tiny: data\.train: "train\.csv" is a CSV file and buildExperiment was given no readCsv \(in Node: readCsv: csvFiles\(dir\) from @clearprop\/training\/node\)$/);
  });
});
