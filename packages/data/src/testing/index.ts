export { sortedToyDataset, rowIds } from './toy.ts';
