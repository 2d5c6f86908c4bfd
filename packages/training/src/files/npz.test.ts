import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, tensor, type Shape, type Tensor } from '@clearprop/tensor';
import { unzipSync, zipSync } from 'fflate';
import { ModelFileError } from './model-file-error.ts';
import { decodeNpz, encodeNpz, modelFromNpz, modelToNpz } from './npz.ts';
import type { ModelParams, ModelSpec } from '@clearprop/nn';

// Debian's python3 with python3-numpy (installed by .ci/run), not whatever python a version manager puts first.
const PYTHON = '/usr/bin/python3';

const spec: ModelSpec = {
  inputs: 3,
  layers: [
    { units: 5, activation: 'prelu' },
    { units: 2, activation: 'identity' },
  ],
};

function randomTensor(shape: Shape, seed: number): Tensor {
  const rng = createRng(seed);
  return tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}

const params: ModelParams = [
  { weight: randomTensor([5, 3], 1), bias: randomTensor([5], 2), alpha: randomTensor([5], 3) },
  { weight: randomTensor([2, 5], 4), bias: randomTensor([2], 5) },
];

describe('modelToNpz / modelFromNpz', () => {
  it.each([false, true])('round-trips the weights exactly and re-encodes identically (compress %s)', (compress) => {
    const bytes = modelToNpz({ spec, params }, { compress });
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['W0.npy', 'W1.npy', 'alpha0.npy', 'b0.npy', 'b1.npy']);
    const loaded = modelFromNpz(bytes, { spec });
    expect(loaded.params).toEqual(params);
    expect(modelToNpz(loaded, { compress })).toEqual(bytes);
  });

  it('rounds float64 arrays to float32', () => {
    const wide = Object.fromEntries(
      Object.entries(decodeNpz(modelToNpz({ spec, params }))).map(([name, t]) => [name, tensor(t.data, t.shape, { dtype: 'float64' })]),
    );
    const loaded = modelFromNpz(encodeNpz(wide), { spec });
    expect(loaded.params).toEqual(params);
  });

  it('reports a missing array and an extra one, naming the file', () => {
    const arrays = decodeNpz(modelToNpz({ spec, params }));
    const withoutB1 = Object.fromEntries(Object.entries(arrays).filter(([name]) => name !== 'b1'));
    expect(() => modelFromNpz(encodeNpz(withoutB1), { spec, source: 'm.npz' })).toThrow(
      new ModelFileError('m.npz', 'missing array b1 (spec expects shape [2])'),
    );
    expect(() => modelFromNpz(encodeNpz({ ...arrays, W2: arrays.W1 }), { spec, source: 'm.npz' })).toThrow('m.npz: unexpected array(s) not in the spec: W2');
  });

  it('names the array and both shapes on a shape mismatch', () => {
    const arrays = decodeNpz(modelToNpz({ spec, params }));
    const transposed = encodeNpz({ ...arrays, W0: tensor(arrays.W0.data, [3, 5]) });
    expect(() => modelFromNpz(transposed, { spec, source: 'm.npz' })).toThrow('m.npz: array W0 has shape [3, 5], spec expects [5, 3]');
  });

  it('reports archives that are not zips or hold non-.npy entries', () => {
    expect(() => decodeNpz(new TextEncoder().encode('definitely not a zip'), 'x.npz')).toThrow(/^x\.npz: not a valid \.npz \(zip\) archive/);
    const bytes = modelToNpz({ spec, params });
    expect(() => decodeNpz(bytes.subarray(0, bytes.length - 30), 'cut.npz')).toThrow(/^cut\.npz: not a valid \.npz \(zip\) archive/);
    expect(() => decodeNpz(zipSync({ 'notes.txt': new Uint8Array(1) }), 'x.npz')).toThrow('x.npz: entry notes.txt is not an .npy array');
  });
});

describe('NumPy interop (python3 with numpy)', () => {
  it('writes archives numpy.load reads, and reads float64 arrays numpy.savez writes', () => {
    const directory = mkdtempSync(join(tmpdir(), 'clearprop-npz-'));
    try {
      const ours = join(directory, 'ours.npz');
      const theirs = join(directory, 'theirs.npz');
      writeFileSync(ours, modelToNpz({ spec, params }, { compress: true }));
      const script = [
        'import json, sys, numpy as np',
        'z = np.load(sys.argv[1])',
        'print(json.dumps({k: [str(z[k].dtype), list(z[k].shape), z[k].ravel().tolist()] for k in z.files}))',
        'np.savez(sys.argv[2], W0=np.arange(6.0).reshape(2, 3) / 7, b0=np.array([0.1, 0.2]))',
      ].join('\n');
      const report = JSON.parse(execFileSync(PYTHON, ['-c', script, ours, theirs], { encoding: 'utf8' })) as Record<string, [string, number[], number[]]>;
      expect(report.W0).toEqual(['float32', [5, 3], Array.from(params[0].weight.data)]);
      expect(report.alpha0[1]).toEqual([5]);
      const fromNumpy = decodeNpz(readFileSync(theirs), theirs);
      expect(fromNumpy.W0.dtype).toBe('float64');
      expect(Array.from(fromNumpy.W0.data)).toEqual([0, 1, 2, 3, 4, 5].map((v) => v / 7));
      const model = modelFromNpz(readFileSync(theirs), { spec: { inputs: 3, layers: [{ units: 2, activation: 'identity' }] }, source: theirs });
      expect(model.params[0].bias.dtype).toBe('float32');
      expect(model.params[0].bias.data[0]).toBe(Math.fround(0.1));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
