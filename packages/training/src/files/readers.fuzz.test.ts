import { describe, it } from '@jest/globals';
import { runFuzzTarget } from '@clearprop/data/testing';
import { configFuzzTargets, fileFuzzTargets } from '../testing/index.ts';

// Property tests with a fixed seed (reproducible in CI); `./tools/fuzz.ts --minutes 10` runs the same targets longer.
describe('fuzz: file readers and config schema', () => {
  it.each([...fileFuzzTargets, ...configFuzzTargets].map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    await runFuzzTarget(target, { seed: 7, numRuns: 300 });
  });
});
