import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import {
  buildExperiment, DEFAULT_PRESET, loadCheckpoint, loadConfigFile, loadModel, parseConfig, presetConfig, resumePointFor,
  type Checkpoint, type Experiment, type ExperimentConfig, type ExperimentOverrides, type ResumePoint,
} from '@clearprop/training';
import { InputError, UsageError } from '../exit-codes.ts';

/** Where the experiment comes from and what changes it, as given on the command line. */
export interface ExperimentFlags {
  readonly config?: string;
  readonly preset?: string;
  /** A checkpoint to continue from (its stored config is used). */
  readonly resume?: string;
  /** Initial weights (a model file with the same architecture). */
  readonly init?: string;
  readonly overrides: ExperimentOverrides;
}

/** A resolved experiment and how the run starts. */
export interface ResolvedExperiment {
  readonly experiment: Experiment;
  /** The config after presets and overrides, with data paths made absolute (saved as config.json). */
  readonly config: ExperimentConfig;
  readonly resumeFrom?: ResumePoint;
}

/** Resolves `--config`, `--preset`, `--resume` (or the default preset) plus overrides into a runnable experiment. */
export async function resolveExperiment(flags: ExperimentFlags, cwd: string): Promise<ResolvedExperiment> {
  const sources = [flags.config && '--config', flags.preset && '--preset', flags.resume && '--resume'].filter(Boolean);
  if (sources.length > 1) throw new UsageError(`${sources.join(' and ')} cannot be combined; give one`);
  if (flags.resume && flags.init) throw new UsageError('--init and --resume cannot be combined (a checkpoint already holds weights)');
  const { config, baseDir, resume } = await baseConfig(flags, cwd);
  const experiment = buildExperiment(config, { baseDir, overrides: flags.overrides });
  // Checked against the run the checkpoint's config (plus overrides) builds: architecture, optimizer, position.
  const resumeFrom = resume ? resumePointFor(resume.checkpoint, experiment.spec, resume.path) : undefined;
  const resolved = absolutePaths(experiment.config, baseDir);
  const init = flags.init ? await initialWeights(resolve(cwd, flags.init), experiment) : undefined;
  const start = resumeFrom ?? init;
  return { experiment, config: resolved, ...(start ? { resumeFrom: start } : {}) };
}

async function baseConfig(flags: ExperimentFlags, cwd: string): Promise<{ config: ExperimentConfig; baseDir: string; resume?: { checkpoint: Checkpoint; path: string } }> {
  if (flags.config) {
    const path = resolve(cwd, flags.config);
    const config = await loadConfigFile(path);
    // A config without a name is named after its file, so runs/ folders say which config made them.
    return { config: { ...config, name: config.name ?? basename(path, extname(path)) }, baseDir: dirname(path) };
  }
  if (flags.resume) {
    const path = resolve(cwd, flags.resume);
    const checkpoint = await loadCheckpoint(path);
    if (!checkpoint.model.trainingConfig) throw new InputError(`${path}: checkpoint has no stored config; it was not written by clearprop train`);
    return { config: parseConfig(checkpoint.model.trainingConfig, `${path} (stored config)`), baseDir: dirname(path), resume: { checkpoint, path } };
  }
  return { config: presetConfig(flags.preset ?? DEFAULT_PRESET), baseDir: cwd };
}

function absolutePaths(config: ExperimentConfig, baseDir: string): ExperimentConfig {
  const abs = (p: string | undefined) => (p === undefined || isAbsolute(p) ? p : resolve(baseDir, p));
  const data = { ...config.data };
  for (const key of ['train', 'validation', 'test'] as const) if (data[key] !== undefined) data[key] = abs(data[key]);
  return { ...config, data };
}

async function initialWeights(path: string, experiment: Experiment): Promise<ResumePoint> {
  const spec = experiment.spec.model;
  const model = await loadModel(path, { spec });
  const describe = (s: typeof spec) => `${s.inputs}-${s.layers.map((l) => l.units).join('-')}`;
  if (describe(model.spec) !== describe(spec)) {
    throw new InputError(`${path}: weights are for a ${describe(model.spec)} network, the experiment builds ${describe(spec)}`);
  }
  return { params: model.params };
}
