import { extname, resolve } from 'node:path';
import { DATA_INFO_KEY, type SavedModel } from '@clearprop/training';
import { EXIT, InputError, UsageError, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { readModelFile } from '../model-file.ts';
import { saveModelOutput } from '../write-output.ts';
import { requireFolder, writeOnnx } from './export.ts';

/** Flags of `clearprop convert`. */
export interface ConvertFlags {
  readonly spec?: string;
  /** ONNX targets only: leave the normalization out of the graph. */
  readonly rawInputs?: boolean;
}

const READS = new Set(['.safetensors', '.npz']);
const WRITES = new Set([...READS, '.onnx']);

/**
 * `clearprop convert <in> <out>`: safetensors ↔ npz, or either → ONNX, by extension, written atomically. npz keeps
 * only the weights. An unknown extension or a missing output folder is bad input (exit 1), named in the message.
 */
export async function convertCommand(input: string, output: string, flags: ConvertFlags, io: CliIo): Promise<ExitCode> {
  const from = extname(input).toLowerCase();
  const to = extname(output).toLowerCase();
  if (!READS.has(from)) throw new InputError(`${input}: convert reads .safetensors and .npz files${from === '.onnx' ? ' (ONNX is export-only)' : ''}`);
  if (!WRITES.has(to)) throw new InputError(`${output}: unknown target extension ${JSON.stringify(to)}; convert writes .safetensors, .npz or .onnx`);
  if (flags.rawInputs && to !== '.onnx') throw new UsageError('--raw-inputs applies to .onnx targets only');
  const target = resolve(io.cwd, output);
  await requireFolder(target);
  const source = resolve(io.cwd, input);
  const saved = await readModelFile(source, flags.spec && resolve(io.cwd, flags.spec));
  if (to === '.onnx') {
    await writeOnnx(saved, source, target, flags, io);
    return EXIT.ok;
  }
  await saveModelOutput(target, saved);
  io.stderr.write(`wrote ${target}` + (to === '.npz' ? ' (weights only: pass --spec to read it back)' : '') + '\n');
  const lost = to === '.npz' ? metadataOf(saved) : [];
  if (lost.length > 0) io.stderr.write(`warning: ${target} holds weights only: it lacks the ${lost.join(', ')} of ${source}; convert it back with --spec ${source}\n`);
  return EXIT.ok;
}

/** The metadata a model carries besides weights, in words (what an .npz file cannot hold). */
function metadataOf(saved: SavedModel): string[] {
  return [
    ...(saved.normalization ? ['normalization'] : []),
    ...(saved.extra?.[DATA_INFO_KEY] ? ['feature names and class labels'] : []),
    ...(saved.trainingConfig ? ['training config'] : []),
  ];
}
