import { resolve } from 'node:path';
import { sequential } from '@clearprop/nn';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { readDataInfo } from '@clearprop/training';
import { readModelFile } from '../model-file.ts';
import { inspectText, modelInspection } from '../inspection.ts';

/** Flags of `clearprop inspect`. */
export interface InspectFlags {
  readonly spec?: string;
  readonly json?: boolean;
  /** Load NaN/±∞ weights instead of failing (to look at a diverged model). */
  readonly allowNonFinite?: boolean;
}

/** `clearprop inspect <model>`: architecture, parameter count, per-layer shapes and metadata. */
export async function inspectCommand(file: string, flags: InspectFlags, io: CliIo): Promise<ExitCode> {
  const path = resolve(io.cwd, file);
  const saved = await readModelFile(path, flags.spec && resolve(io.cwd, flags.spec), { allowNonFinite: flags.allowNonFinite === true });
  const inspection = modelInspection(path, saved, sequential(saved.spec), readDataInfo(saved, path));
  io.stdout.write(flags.json ? JSON.stringify(inspection) + '\n' : inspectText(inspection));
  return EXIT.ok;
}
