#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Fuzzes clearprop's readers longer than CI does: the same fast-check targets as the *.fuzz.test.ts suites (CSV,
// safetensors, npy, npz, checkpoint, config schema, CLI flag parser), each for an equal share of the time, with a
// fresh seed. Prints each failure with the seed and path that reproduce it, and exits 1 if any target failed.
// Usage: ./tools/fuzz.ts [--minutes 10] [--seed N] [--only npz,csv]
import { parseArgs } from 'node:util';
import { csvFuzzTargets, runFuzzTarget, type FuzzTarget } from '@clearprop/data/testing';
import { configFuzzTargets, fileFuzzTargets } from '@clearprop/training/testing';
import { cliFuzzTargets } from '../apps/runner/test/cli-fuzz.ts';

const USAGE = 'usage: ./tools/fuzz.ts [--minutes <m>] [--seed <n>] [--only <name,…>] [--help]';
const HELP = `${USAGE}

Runs every fuzz target for an equal share of --minutes (default 10) and reports, per target, the inputs tried.
  --minutes <m>   total time, a positive number (default 10)
  --seed <n>      fast-check seed, an integer (default: from the clock; printed so a failure can be replayed)
  --only <names>  comma-separated substrings of target names (e.g. npz,csv)
Exit codes: 0 no failure, 1 a target failed (its seed, path and counterexample are printed), 2 usage.
Targets: ${[...csvFuzzTargets, ...fileFuzzTargets, ...configFuzzTargets, ...cliFuzzTargets].map((t) => t.name).join('; ')}.`;

function usage(problem: string): never {
  process.stderr.write(`fuzz: ${problem}\n${USAGE}\n`);
  process.exit(2);
}

let values: { minutes?: string; seed?: string; only?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { minutes: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
} catch (error) {
  usage((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const minutes = values.minutes === undefined ? 10 : /^\d+(\.\d+)?$/.test(values.minutes) ? Number(values.minutes) : NaN;
if (!(minutes > 0)) usage(`--minutes must be a positive number, got "${values.minutes}"`);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : /^-?\d+$/.test(values.seed) ? Number(values.seed) : usage(`--seed must be an integer, got "${values.seed}"`);
const wanted = values.only?.split(',').filter((s) => s !== '');
const targets: readonly FuzzTarget<unknown>[] = [...csvFuzzTargets, ...fileFuzzTargets, ...configFuzzTargets, ...cliFuzzTargets]
  .filter((t) => wanted === undefined || wanted.some((w) => t.name.includes(w)));
if (targets.length === 0) usage(`--only ${values.only} matches no target`);

const share = (minutes * 60_000) / targets.length;
process.stderr.write(`fuzz: ${targets.length} targets, ${(share / 1000).toFixed(0)} s each, seed ${seed}\n`);
let failed = 0;
for (const target of targets) {
  const started = performance.now();
  try {
    const details = await runFuzzTarget(target, { seed, timeLimitMs: share });
    process.stderr.write(`  ok    ${target.name}: ${details.numRuns} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed++;
    process.stderr.write(`  FAIL  ${(error as Error).message}\n`);
  }
}
process.stderr.write(failed === 0 ? 'fuzz: no failure\n' : `fuzz: ${failed} target(s) failed; replay with --seed ${seed} --only <name>\n`);
process.exit(failed === 0 ? 0 : 1);
