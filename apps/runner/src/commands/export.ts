import { stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { toOnnx, toPredictModule, type ModuleFormat, type SavedModel } from '@clearprop/training';
import { EXIT, InputError, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { readModelFile } from '../model-file.ts';
import { writeOutput } from '../write-output.ts';

/** Flags of `clearprop export`. */
export interface ExportFlags {
  /** Module output path. */
  readonly out: string;
  /** `esm` or `cjs`; from the extension of `out` (.mjs, .cjs) when absent. */
  readonly format?: string;
  readonly spec?: string;
  /** Leave the normalization out (rows must be scaled first). */
  readonly rawInputs?: boolean;
}

const FORMATS: readonly ModuleFormat[] = ['esm', 'cjs'];
const EXTENSION_FORMATS: Readonly<Record<string, ModuleFormat | undefined>> = { '.mjs': 'esm', '.cjs': 'cjs', '.js': undefined };

/** The declarations file TypeScript looks for next to a module: predict.mjs → predict.d.mts, .cjs → .d.cts, .js → .d.ts. */
export function declarationsPath(modulePath: string): string {
  const extension = extname(modulePath);
  const declaration = { '.mjs': '.d.mts', '.cjs': '.d.cts' }[extension.toLowerCase()] ?? '.d.ts';
  return modulePath.slice(0, modulePath.length - extension.length) + declaration;
}

/**
 * `clearprop export <model> --out predict.mjs [--format esm|cjs]`: a standalone predict module and its
 * declarations, both written atomically. Errors (exit 1) name the file: an unknown format or extension, a format
 * the extension contradicts, a missing output folder, an unreadable model.
 */
export async function exportCommand(input: string, flags: ExportFlags, io: CliIo): Promise<ExitCode> {
  const target = resolve(io.cwd, flags.out);
  const format = moduleFormat(target, flags.format);
  await requireFolder(target);
  const source = resolve(io.cwd, input);
  const saved = await readModelFile(source, flags.spec && resolve(io.cwd, flags.spec));
  const module = toPredictModule(saved, { format, rawInputs: flags.rawInputs === true, source: basename(source) });
  const declarations = declarationsPath(target);
  const encode = (text: string) => new TextEncoder().encode(text);
  await writeOutput(declarations, encode(module.declarations));
  await writeOutput(target, encode(module.code));
  io.stderr.write(`wrote ${target} (${format.toUpperCase()}, no imports) and ${declarations}\n`);
  return EXIT.ok;
}

/** `clearprop convert <model> <out>.onnx`: the ONNX graph, written atomically. */
export async function writeOnnx(saved: SavedModel, source: string, target: string, options: { readonly rawInputs?: boolean }, io: CliIo): Promise<void> {
  await requireFolder(target);
  await writeOutput(target, toOnnx(saved, { rawInputs: options.rawInputs === true, source }));
  const normalization = saved.normalization === undefined ? '' : options.rawInputs ? ', normalization left to the caller (see metadata)' : ', normalization in the graph';
  io.stderr.write(`wrote ${target} (ONNX opset 17${normalization})\n`);
}

function moduleFormat(target: string, requested: string | undefined): ModuleFormat {
  const extension = extname(target).toLowerCase();
  if (!(extension in EXTENSION_FORMATS)) throw new InputError(`${target}: unknown module extension ${JSON.stringify(extension)}; use .mjs, .cjs or .js`);
  const implied = EXTENSION_FORMATS[extension];
  if (requested === undefined) {
    if (implied === undefined) throw new InputError(`${target}: pass --format esm or --format cjs (a .js file can be either)`);
    return implied;
  }
  const format = FORMATS.find((f) => f === requested);
  if (format === undefined) throw new InputError(`${target}: unknown export format ${JSON.stringify(requested)}; expected ${FORMATS.join(' or ')}`);
  if (implied !== undefined && implied !== format) throw new InputError(`${target}: a ${extension} file is always ${implied.toUpperCase()}; use --format ${implied} or another extension`);
  return format;
}

/** Fails (exit 1) before any work when the folder of `path` does not exist. */
export async function requireFolder(path: string): Promise<void> {
  const folder = dirname(path);
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new InputError(`${path}: folder ${folder} does not exist`);
}
