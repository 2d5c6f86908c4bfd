import fc from 'fast-check';
import { readCsv, countLines, type CsvOptions } from '../csv/parse-csv.ts';
import type { Dataset } from '../dataset.ts';
import { DataError } from '../errors.ts';
import { expectTypedOutcome, fuzzTarget, type FuzzTarget } from './fuzz.ts';

const MAX_CLASSES = 50;

// Characters that matter to a CSV reader, plus some that must never reach a message.
const cellChar = fc.constantFrom(...'0123456789-+.eE, "\n\r\tx\u001b[]\u0007\uFEFFé'.split(''));
const number = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.double({ noNaN: false }).map(String), fc.constantFrom('1e999', '0x1f', '', ' 3 ', 'nan', '"4"', '3000000000'));
const label = fc.oneof(fc.integer({ min: 0, max: 60 }).map(String), fc.constantFrom('-1', '1.5', '100000000', 'x', ''));

/** A plausible CSV (header, rows of numbers and labels), then maybe damaged by random characters. */
const csvText: fc.Arbitrary<string> = fc.record({
  columns: fc.integer({ min: 1, max: 5 }),
  rows: fc.array(fc.array(number, { minLength: 0, maxLength: 6 }), { maxLength: 12 }),
  labels: fc.array(label, { maxLength: 12 }),
  noise: fc.array(fc.tuple(fc.nat(), fc.string({ unit: cellChar, maxLength: 6 })), { maxLength: 3 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
}).map(({ columns, rows, labels, noise, crlf, bom }) => {
  const header = [...Array.from({ length: columns }, (_, i) => `f${i}`), 'label'].join(',');
  const lines = [header, ...rows.map((cells, i) => [...cells.slice(0, columns), labels[i] ?? '0'].join(','))];
  let text = (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n') + '\n';
  for (const [at, insert] of noise) text = text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1));
  return text;
});

const optionSets: readonly Omit<CsvOptions, 'source'>[] = [
  { target: 'label', task: 'classification', maxClasses: MAX_CLASSES },
  { target: 'label', task: 'regression' },
  { target: ['label', 'f0'], maxRowBytes: 64 },
  { target: 'label', task: 'classification', classes: 3, ignoreTargets: true },
  { target: 'label', targetsOptional: true },
];

/** readCsv over `text`, `chunkBytes` at a time: the Dataset, or the DataError's message. */
function read(text: string, options: CsvOptions, chunkBytes: number): Dataset {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return readCsv((into, at) => {
    const count = Math.min(into.length - at, bytes.length - offset, chunkBytes);
    into.set(bytes.subarray(offset, offset + count), at);
    offset += count;
    return count;
  }, { ...options, chunkBytes }, countLines(bytes));
}

function checkDataset(ds: Dataset, text: string, options: CsvOptions): void {
  if (ds.x.length !== ds.length * ds.features || ds.y.length !== ds.length * ds.targets) throw new Error('arrays do not match the shape');
  if (![...ds.x, ...ds.y].every(Number.isFinite)) throw new Error('non-finite value in a dataset');
  if (ds.task === 'classification' && ds.targets > (options.classes ?? MAX_CLASSES)) throw new Error(`${ds.targets} classes`);
  // Memory: every stored feature came from at least two characters of text ("1,").
  if (ds.x.byteLength > 2 * new TextEncoder().encode(text).length + 4 * ds.features) throw new Error('features larger than the text allows');
}

/** The CSV reader: any text gives a DataError (short, clean message) or a consistent Dataset, the same for every chunking. */
export const csvFuzzTargets: readonly FuzzTarget<unknown>[] = [
  fuzzTarget<{ readonly text: string; readonly options: number; readonly chunk: number }>({
    name: 'csv: parse',
    arbitrary: fc.record({ text: fc.oneof(csvText, fc.string({ unit: cellChar, maxLength: 200 })), options: fc.nat(optionSets.length - 1), chunk: fc.integer({ min: 1, max: 64 }) }),
    check({ text, options: index, chunk }) {
      const options = { ...optionSets[index], source: 'fuzz.csv' };
      let whole: Dataset | string;
      try {
        whole = read(text, options, 1 << 20);
      } catch (error) {
        whole = error instanceof DataError ? error.message : '(untyped)';
      }
      expectTypedOutcome(() => read(text, options, chunk), [DataError], (ds) => {
        checkDataset(ds, text, options);
        if (typeof whole === 'string') throw new Error(`chunked read succeeded where the whole read failed: ${whole}`);
        if (JSON.stringify(ds) !== JSON.stringify(whole)) throw new Error('chunked read differs from the whole read');
      });
    },
  }),
];
