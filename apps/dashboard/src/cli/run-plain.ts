import type { DashboardSource } from '../sources/source.ts';
import { formatPlainLine } from './plain.ts';

/**
 * `--plain`: prints runner-style lines instead of the TUI (no terminal needed). Resolves with the runner's exit
 * codes: 0 when the run ends, 3 when it diverged, 130 when interrupted (SIGINT stops training at the next batch;
 * the final model is still written), 1 when the source failed.
 */
export function runPlain(source: DashboardSource, write: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    let code = 0;
    const finish = async () => {
      const summary = await source.quit();
      if (summary) write(summary);
      resolve(code);
    };
    const onSigint = () => {
      code = 130;
      void source.quit();
    };
    process.once('SIGINT', onSigint);
    const subscription = source.events$.subscribe({
      next: (event) => {
        if (event.type === 'app') {
          if (!event.modelPath) write(event.text);
          return;
        }
        const line = formatPlainLine(event);
        if (line) write(line);
        if (event.type === 'runEnd') {
          if (event.reason === 'diverged') code = 3;
          process.off('SIGINT', onSigint);
          void finish().then(() => subscription.unsubscribe());
        }
      },
      error: (error: unknown) => {
        write(`error: ${(error as Error).message}`);
        resolve(1);
      },
      complete: () => resolve(code),
    });
  });
}
