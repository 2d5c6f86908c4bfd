import { followSource } from '../sources/follow-source.ts';
import { readEventFile, replaySource } from '../sources/replay-source.ts';
import type { DashboardSource } from '../sources/source.ts';
import { trainSource } from '../sources/train-source.ts';
import type { DashboardArgs } from './args.ts';

/**
 * Builds the event source the arguments ask for: an experiment (`--config`, `--preset`, else the default preset)
 * trained in this process through a library session — resolved exactly as the runner resolves it — a followed
 * file, or a replayed one. Throws ConfigError, DataError, TrainSpecError, SessionError or ModelFileError with a
 * message meant for the user.
 */
export async function sourceFor(args: Exclude<DashboardArgs, { kind: 'help' | 'version' }>, cwd = process.cwd()): Promise<DashboardSource> {
  switch (args.kind) {
    case 'follow':
      return followSource(args.path);
    case 'replay': {
      const { events, notes } = await readEventFile(args.path);
      return replaySource(events, { speed: args.speed, notes });
    }
    case 'train':
      return trainSource({
        ...(args.config ? { config: args.config } : {}), ...(args.preset ? { preset: args.preset } : {}), overrides: args.overrides,
        ...(args.out ? { model: args.out } : {}), ...(args.outDir ? { outDir: args.outDir } : {}), cwd, wallClock: () => Date.now(),
      });
  }
}
