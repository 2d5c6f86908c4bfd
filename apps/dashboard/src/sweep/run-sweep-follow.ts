import { formatNumber } from '../charts/format.ts';
import { followSweep } from './sweep-source.ts';

const ALTERNATE_SCREEN = { enter: '\x1b[?1049h\x1b[H\x1b[2J', leave: '\x1b[?1049l' };

/**
 * `--follow sweeps/<dir>` (or its sweep.ndjson): the sweep view in the terminal until `q`, or with `--plain` one
 * line per trial start, prune and end (until SIGINT). Resolves with the exit code.
 */
export async function runSweepFollow(log: string, plain: boolean): Promise<number> {
  const events$ = followSweep(log);
  if (plain) {
    return new Promise<number>((resolve) => {
      const subscription = events$.subscribe({
        next: (e) => {
          if (e.type === 'trialStart') process.stdout.write(`trial ${e.trial} started\n`);
          else if (e.type === 'trialRung' && e.decision === 'prune') process.stdout.write(`trial ${e.trial} pruned at epoch ${e.epoch}: ${e.message}\n`);
          else if (e.type === 'trialEnd') process.stdout.write(`trial ${e.trial} ${e.status} ${formatNumber(e.objective)} after ${e.epochs} epochs\n`);
          else if (e.type === 'sweepEnd') process.stdout.write(`sweep finished: best trial ${e.best ?? '–'}\n`);
        },
        error: (error: unknown) => {
          process.stderr.write(`clearprop dashboard: ${(error as Error).message}\n`);
          resolve(1);
        },
      });
      process.once('SIGINT', () => {
        subscription.unsubscribe();
        resolve(0);
      });
    });
  }
  delete process.env.CI; // as for the run view: Ink renders nothing live when CI is set
  const [{ render }, { SweepApp }, React] = await Promise.all([import('ink'), import('./SweepApp.tsx'), import('react')]);
  process.stdout.write(ALTERNATE_SCREEN.enter);
  const app = render(React.createElement(SweepApp, { events$ }), { exitOnCtrlC: true, maxFps: 10, incrementalRendering: false });
  try {
    await app.waitUntilExit();
  } finally {
    process.stdout.write(ALTERNATE_SCREEN.leave);
  }
  return 0;
}
