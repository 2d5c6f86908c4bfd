import { describe, it } from '@jest/globals';
import { csvFuzzTargets, runFuzzTarget } from '../testing/index.ts';

// Property tests with a fixed seed (reproducible in CI); `./tools/fuzz.ts --minutes 10` runs the same targets longer.
describe('fuzz: CSV reader', () => {
  it.each(csvFuzzTargets.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    await runFuzzTarget(target, { seed: 11, numRuns: 400 });
  });
});
