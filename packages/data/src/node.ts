// @clearprop/data/node: reading CSV files from disk (node:fs). Everything else, parseCsv and the built-in iris and
// digits sets included, is in the portable root entry.
export { loadCsv } from './csv/load-csv.ts';
