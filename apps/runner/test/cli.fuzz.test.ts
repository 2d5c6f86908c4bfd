import { describe, it } from '@jest/globals';
import { runFuzzTarget } from '@clearprop/data/testing';
import { cliFuzzTargets } from './cli-fuzz.ts';

// Property tests with a fixed seed (reproducible in CI); `./tools/fuzz.ts --minutes 10` runs the same targets longer.
describe('fuzz: command-line flag parser', () => {
  it.each(cliFuzzTargets.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    await runFuzzTarget(target, { seed: 5, numRuns: 500 });
  });
});
