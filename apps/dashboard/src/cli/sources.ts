import { dirname, resolve } from 'node:path';
import { buildExperiment, DEFAULT_PRESET, presetConfig } from '@clearprop/training';
import { csvFiles, loadConfigFile } from '@clearprop/training/node';
import { followSource } from '../sources/follow-source.ts';
import { readEventFile, replaySource } from '../sources/replay-source.ts';
import type { DashboardSource } from '../sources/source.ts';
import { trainSource } from '../sources/train-source.ts';
import type { DashboardArgs } from './args.ts';

/**
 * Builds the event source the arguments ask for: an experiment from `--config` or `--preset` (default: the
 * same default preset as the runner) trained in this process, a followed file, or a replayed one.
 * Throws ConfigError, DataError, TrainSpecError or a file error with a message meant for the user.
 */
export async function sourceFor(args: Exclude<DashboardArgs, { kind: 'help' | 'version' }>): Promise<DashboardSource> {
  switch (args.kind) {
    case 'follow':
      return followSource(args.path);
    case 'replay':
      return replaySource(await readEventFile(args.path), { speed: args.speed });
    case 'train': {
      const config = args.config ? await loadConfigFile(args.config) : presetConfig(args.preset ?? DEFAULT_PRESET);
      const baseDir = args.config ? dirname(resolve(args.config)) : process.cwd();
      const experiment = buildExperiment(config, { readCsv: csvFiles(baseDir), overrides: args.overrides });
      return trainSource(experiment, args.out ? { out: args.out } : {});
    }
  }
}
