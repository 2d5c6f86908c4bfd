import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../../files/io.ts';
import { makeDirectory } from '../../session/out-dir.ts';
import { writeError } from '../../session/session-error.ts';
import { rankTrials } from '../aggregate.ts';
import type { SweepEvent } from '../events.ts';
import { SweepError } from '../sweep-error.ts';
import { trialsCsv } from '../trials-csv.ts';
import type { SweepDefinition, TrialPlan, TrialResult } from '../types.ts';

/** What sweep.json holds: everything needed to resume or inspect a sweep without its sweep file. */
export interface SweepManifest {
  readonly format: 'clearprop-sweep';
  readonly version: 1;
  /** Unique per sweep: names its jobs on a queue. */
  readonly sweepId: string;
  /** The sweep file it came from (absolute), for people. */
  readonly source: string;
  /** The Redis queue the trials went to (`redis://host:port`), for --resume; absent for a local sweep. */
  readonly queue?: string;
  readonly definition: SweepDefinition;
  readonly trials: readonly TrialPlan[];
}

/** A sweep's folder: sweep.json, sweep.ndjson, trials.csv, best.json and trials/<id>/ (result.json + run folders). */
export interface SweepFolder {
  readonly dir: string;
  readonly manifest: SweepManifest;
  trialDir(trial: number): string;
  /** Results already on disk (a resumed sweep), by trial id. */
  readResults(): Map<number, TrialResult>;
  /** Writes a trial's result.json, then trials.csv and best.json over every result so far (each atomically). */
  saveResult(result: TrialResult, all: readonly TrialResult[]): Promise<void>;
  /** Appends one event to sweep.ndjson. */
  log(event: SweepEvent): void;
  readonly paths: { readonly manifest: string; readonly events: string; readonly trials: string; readonly best: string };
}

const pathsOf = (dir: string) => ({ manifest: join(dir, 'sweep.json'), events: join(dir, 'sweep.ndjson'), trials: join(dir, 'trials.csv'), best: join(dir, 'best.json') });

/** Creates a sweep folder in `dir` (made if missing): writes sweep.json. Refuses a folder that already holds a sweep. */
export async function createSweepFolder(dir: string, manifest: SweepManifest): Promise<SweepFolder> {
  const paths = pathsOf(dir);
  if (existsSync(paths.manifest)) throw new SweepError(dir, '', 'already holds a sweep; continue it with --resume, or choose another --out-dir');
  makeDirectory(dir);
  await writeJson(paths.manifest, manifest);
  return folderOf(dir, manifest);
}

/** Opens an existing sweep folder; throws SweepError when `dir` is not one (no or a foreign sweep.json). */
export function openSweepFolder(dir: string): SweepFolder {
  const { manifest: path } = pathsOf(dir);
  let manifest: SweepManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SweepError(dir, '', code === 'ENOENT' ? 'not a sweep folder (it has no sweep.json)' : `not a sweep folder: sweep.json is unreadable (${code ?? (error as Error).message})`);
  }
  if (manifest?.format !== 'clearprop-sweep' || manifest.version !== 1 || !Array.isArray(manifest.trials)) throw new SweepError(dir, '', 'not a sweep folder: its sweep.json was not written by clearprop sweep');
  return folderOf(dir, manifest);
}

function folderOf(dir: string, manifest: SweepManifest): SweepFolder {
  const paths = pathsOf(dir);
  const width = String(manifest.trials.length).length;
  const trialDir = (trial: number) => join(dir, 'trials', String(trial).padStart(width, '0'));
  return {
    dir, manifest, paths, trialDir,
    readResults() {
      const results = new Map<number, TrialResult>();
      const root = join(dir, 'trials');
      for (const name of existsSync(root) ? readdirSync(root) : []) {
        try {
          const result = JSON.parse(readFileSync(join(root, name, 'result.json'), 'utf8')) as TrialResult;
          if (manifest.trials.some((t) => t.trial === result.trial)) results.set(result.trial, result);
        } catch {
          continue; // an unfinished trial: it runs again
        }
      }
      return results;
    },
    async saveResult(result, all) {
      makeDirectory(trialDir(result.trial));
      await writeJson(join(trialDir(result.trial), 'result.json'), result);
      const { definition } = manifest;
      await writeText(paths.trials, trialsCsv(definition.space, all, { cv: definition.cv !== undefined }));
      const best = rankTrials(all, definition.objective.mode)[0];
      if (best && best.objective !== null) await writeJson(paths.best, bestJson(best, manifest, relative(dir, trialDir(best.trial))));
    },
    log(event) {
      try {
        appendFileSync(paths.events, `${JSON.stringify(event)}\n`);
      } catch (error) {
        throw writeError(paths.events, error);
      }
    },
  };
}

function bestJson(best: TrialResult, manifest: SweepManifest, runDir: string) {
  const { objective, cv } = manifest.definition;
  const folds = cv === undefined ? [runDir] : Array.from({ length: cv }, (_, i) => join(runDir, `fold-${i + 1}`));
  return {
    trial: best.trial, objective: { metric: `${objective.split}.${objective.metric}`, mode: objective.mode, value: best.objective, ...(best.std ? { std: best.std.objective } : {}) },
    params: best.params, status: best.status, epochs: best.epochs, metrics: best.metrics, ...(best.std ? { std: best.std } : {}),
    runDir, models: folds.map((f) => join(f, 'model.safetensors')), config: join(folds[0], 'config.json'),
  };
}

const writeJson = (path: string, value: unknown) => writeText(path, `${JSON.stringify(value, null, 2)}\n`);

async function writeText(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, new TextEncoder().encode(text));
  } catch (error) {
    throw writeError(path, error);
  }
}
