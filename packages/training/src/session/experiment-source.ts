import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { resumePointFor } from '../checkpointing.ts';
import type { Checkpoint } from '../files/checkpoint.ts';
import { buildExperiment } from '../experiments/build.ts';
import { loadConfigFile } from '../experiments/config-file.ts';
import { csvFiles } from '../experiments/csv-files.ts';
import { DEFAULT_PRESET, presetConfig } from '../experiments/presets.ts';
import { parseConfig } from '../experiments/schema.ts';
import type { Experiment, ExperimentConfig, ExperimentOverrides } from '../experiments/types.ts';
import { loadCheckpoint, loadModel } from '../files/io.ts';
import { describeArchitecture, sameArchitecture } from '../files/spec-json.ts';
import type { ResumePoint } from '../run/setup.ts';
import { SessionError } from './session-error.ts';

/** Where an experiment comes from: one of a preset, a config file, an inline config or a checkpoint; plus changes. */
export interface ExperimentSource {
  /** A built-in experiment (`PRESET_NAMES`). @defaultValue DEFAULT_PRESET when no other source is given */
  readonly preset?: string;
  /** A `.json`/`.yaml` config file; its data paths are relative to it, and a config without a name is named after it. */
  readonly config?: string;
  /** An experiment config object; data paths are relative to `cwd`. */
  readonly experiment?: ExperimentConfig;
  /** A checkpoint to continue from; the config stored in it is used. */
  readonly resume?: string;
  /** Initial weights: a model file with the experiment's architecture. */
  readonly init?: string;
  readonly overrides?: ExperimentOverrides;
}

/** A resolved experiment and how its run starts. */
export interface ResolvedExperiment {
  readonly experiment: Experiment;
  /** The config after presets and overrides, named, with data paths made absolute: what config.json and the model store. */
  readonly config: ExperimentConfig;
  readonly resumeFrom?: ResumePoint;
  /** Where the config came from, for messages: its file, `<checkpoint> (stored config)`, `preset <name>` or `experiment`. */
  readonly source: string;
}

/**
 * Resolves a source into a runnable experiment, the same way for every app: relative paths against `cwd`, data
 * paths against the config file, checkpoints through their stored config, `init` weights checked against the
 * architecture. Throws SessionError (conflicting sources, a checkpoint without a config, weights for another
 * net), ConfigError, DataError or ModelFileError, each naming the file.
 */
export async function resolveExperiment(source: ExperimentSource, cwd: string): Promise<ResolvedExperiment> {
  const given = (['preset', 'config', 'experiment', 'resume'] as const).filter((key) => source[key] !== undefined);
  if (given.length > 1) throw new SessionError('usage', `${given.join(' and ')} cannot be combined; give one experiment source`);
  if (source.resume !== undefined && source.init !== undefined) throw new SessionError('usage', 'init and resume cannot be combined (a checkpoint already holds weights)');
  const { config, baseDir, resume, label } = await baseConfig(source, cwd);
  const experiment = buildExperiment(config, { readCsv: csvFiles(baseDir), source: label, ...(source.overrides ? { overrides: source.overrides } : {}) });
  // Checked against the run the checkpoint's config (plus overrides) builds: architecture, optimizer state, position.
  const resumeFrom = resume ? resumePointFor(resume.checkpoint, experiment.spec, resume.path) : undefined;
  const resolved = absolutePaths(experiment.config, baseDir);
  const init = source.init === undefined ? undefined : await initialWeights(resolve(cwd, source.init), experiment);
  const start = resumeFrom ?? init;
  return { experiment: { ...experiment, config: resolved }, config: resolved, source: label, ...(start ? { resumeFrom: start } : {}) };
}

// The config, the folder its paths are relative to, and its name in error messages (`label`).
async function baseConfig(source: ExperimentSource, cwd: string): Promise<{ config: ExperimentConfig; baseDir: string; label: string; resume?: { checkpoint: Checkpoint; path: string } }> {
  if (source.config !== undefined) {
    const path = resolve(cwd, source.config);
    const config = await loadConfigFile(path);
    // A config without a name is named after its file, so runs/ folders say which config made them.
    return { config: { ...config, name: config.name ?? basename(path, extname(path)) }, baseDir: dirname(path), label: path };
  }
  if (source.resume !== undefined) {
    const path = resolve(cwd, source.resume);
    const checkpoint = await loadCheckpoint(path);
    if (!checkpoint.model.trainingConfig) throw new SessionError('input', `${path}: checkpoint has no stored config; it was not written by a clearprop session`);
    const label = `${path} (stored config)`;
    return { config: parseConfig(checkpoint.model.trainingConfig, label), baseDir: dirname(path), label, resume: { checkpoint, path } };
  }
  if (source.experiment !== undefined) return { config: parseConfig(source.experiment, 'experiment'), baseDir: cwd, label: 'experiment' };
  const preset = source.preset ?? DEFAULT_PRESET;
  return { config: presetConfig(preset), baseDir: cwd, label: `preset ${preset}` };
}

function absolutePaths(config: ExperimentConfig, baseDir: string): ExperimentConfig {
  const absolute = (p: string | undefined) => (p === undefined || isAbsolute(p) ? p : resolve(baseDir, p));
  const data = { ...config.data };
  for (const key of ['train', 'validation', 'test'] as const) if (data[key] !== undefined) data[key] = absolute(data[key]);
  return { ...config, data };
}

async function initialWeights(path: string, experiment: Experiment): Promise<ResumePoint> {
  const spec = experiment.spec.model;
  const model = await loadModel(path, { spec });
  if (!sameArchitecture(model.spec, spec)) {
    throw new SessionError('input', `${path}: weights are for a ${describeArchitecture(model.spec)} network, the experiment builds ${describeArchitecture(spec)}`);
  }
  return { params: model.params };
}
