export { sortedToyDataset, rowIds } from './toy.ts';
export type { FuzzTarget, FuzzRunOptions } from './fuzz.ts';
export { fuzzTarget, runFuzzTarget, expectTypedOutcome, mutatedBytes, concat as concatBytes } from './fuzz.ts';
export { csvFuzzTargets } from './csv-fuzz.ts';
