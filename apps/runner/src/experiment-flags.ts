import type { ExperimentOverrides } from '@clearprop/training';
import type { ExperimentSource } from '@clearprop/training/node';

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

/** The library's ExperimentSource for these flags (the session resolves it, as for every app). */
export function sourceOf(flags: ExperimentFlags): ExperimentSource {
  return {
    ...(flags.config === undefined ? {} : { config: flags.config }),
    ...(flags.preset === undefined ? {} : { preset: flags.preset }),
    ...(flags.resume === undefined ? {} : { resume: flags.resume }),
    ...(flags.init === undefined ? {} : { init: flags.init }),
    overrides: flags.overrides,
  };
}
