import { extname, resolve } from 'node:path';
import { saveModel } from '@clearprop/training/node';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { readModelFile } from '../model-file.ts';

/** Flags of `clearprop convert`. */
export interface ConvertFlags {
  readonly spec?: string;
}

const FORMATS = new Set(['.safetensors', '.npz']);

/** `clearprop convert <in> <out>`: safetensors ↔ npz by extension, written atomically. npz keeps only the weights. */
export async function convertCommand(input: string, output: string, flags: ConvertFlags, io: CliIo): Promise<ExitCode> {
  for (const path of [input, output]) {
    if (!FORMATS.has(extname(path).toLowerCase())) throw new UsageError(`${path}: convert works on .safetensors and .npz files`);
  }
  const saved = await readModelFile(resolve(io.cwd, input), flags.spec && resolve(io.cwd, flags.spec));
  const target = resolve(io.cwd, output);
  await saveModel(target, saved);
  io.stderr.write(`wrote ${target}` + (extname(target).toLowerCase() === '.npz' ? ' (weights only: pass --spec to read it back)' : '') + '\n');
  return EXIT.ok;
}
