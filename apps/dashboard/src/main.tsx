// clearprop-dashboard: trains an experiment in this process (or follows / replays a runner's NDJSON events)
// and shows it live as an Ink TUI you can steer (pause, learning rate, checkpoint, quit with the model saved).
// Usage: clearprop-dashboard [--preset sin | --config exp.yaml | --follow events.ndjson | --follow sweeps/<dir> | --replay events.ndjson]
//        [--epochs n] [--out model.safetensors] [--plain]        (see --help, docs/dashboard.md)
import { readFileSync } from 'node:fs';
import { parseDashboardArgs, USAGE, UsageError } from './cli/args.ts';
import { colorModeFor } from './state/color-mode.ts';
import type { DashboardSource } from './sources/source.ts';

// Everything past argument parsing (the training stack, Ink, React) is imported when it is needed, so --help,
// --version and usage errors start in about the time of `node -e 0`.

const NO_TTY = `clearprop-dashboard needs an interactive terminal (stdin and stdout must be a TTY).
For CI, pipes and logs use the runner instead:  clearprop train --preset sin
or run the dashboard with --plain to print runner-style lines.`;

// Switches the terminal to its alternate screen so quitting restores what was there before. Entering keeps the
// cursor row (below whatever `nx run` printed): home it, or the first frame starts low and scrolls the screen.
const ALTERNATE_SCREEN = { enter: '\x1b[?1049h\x1b[H\x1b[2J', leave: '\x1b[?1049l' };

async function runTui(source: DashboardSource): Promise<number> {
  // Ink (via is-in-ci) renders nothing until exit when CI is set; someone running the TUI in a real terminal
  // wants it live, so clear those variables before Ink is first imported.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const colorMode = colorModeFor(process.stdout, process.env);
  // Ink's chalk reads FORCE_COLOR but not NO_COLOR: make every panel honour NO_COLOR, not only the heat maps.
  if (colorMode === 'mono' && process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  const [{ render }, { App }, React] = await Promise.all([import('ink'), import('./App.tsx'), import('react')]);
  let summary: string | null = null;
  let onScreen = true;
  const leave = () => {
    if (onScreen) process.stdout.write(ALTERNATE_SCREEN.leave);
    onScreen = false;
  };
  process.once('exit', leave);
  process.stdout.write(ALTERNATE_SCREEN.enter);
  const app = render(React.createElement(App, { source, colorMode, onQuit: (s: string | null) => (summary = s) }), {
    exitOnCtrlC: false,
    maxFps: 20,
    incrementalRendering: false,
  });
  const stop = () => void source.quit().then(() => app.unmount());
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await app.waitUntilExit();
  } catch (error) {
    leave();
    process.stderr.write(`clearprop-dashboard: ${(error as Error).message}\n`);
    return 1;
  }
  leave();
  if (summary) process.stdout.write(`${summary}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseDashboardArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`clearprop-dashboard: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.kind === 'version') {
    // package.json is one level up from both src/ and dist/.
    process.stdout.write(`${(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  if (!args.plain && !(process.stdin.isTTY === true && process.stdout.isTTY === true)) {
    process.stderr.write(`${NO_TTY}\n`);
    return 2;
  }
  if (args.kind === 'follow') {
    const { sweepLogOf } = await import('./sweep/sweep-source.ts');
    const sweepLog = sweepLogOf(args.path);
    if (sweepLog) return (await import('./sweep/run-sweep-follow.ts')).runSweepFollow(sweepLog, args.plain);
  }
  let source: DashboardSource;
  try {
    const { sourceFor } = await import('./cli/sources.ts');
    source = await sourceFor(args);
  } catch (error) {
    process.stderr.write(`clearprop-dashboard: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.plain) {
    const { runPlain } = await import('./cli/run-plain.ts');
    return runPlain(source, (line) => process.stdout.write(`${line}\n`));
  }
  return runTui(source);
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Exit explicitly (a paused run or a tail timer must not keep the process alive), once piped output is flushed.
process.stdout.write('', () => process.exit(code));
