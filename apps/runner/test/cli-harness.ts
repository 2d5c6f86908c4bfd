// Test harness: runs the real CLI as a child process (no TTY, CI=true) and collects its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (the CLI runs from here, as under `nx run`). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// An absolute loader path, so a run from a temporary cwd still finds tsx.
const TSX = new URL('node_modules/tsx/dist/loader.mjs', `file://${ROOT}`).href;

/** What a CLI run produced. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for a CLI run. */
export interface CliOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Called with the child and the stderr text so far, on every stderr chunk (to send signals mid-run). */
  readonly onStderr?: (child: ChildProcess, stderr: string) => void;
  /** Called on every stdout chunk. */
  readonly onStdout?: (child: ChildProcess, stdout: string) => void;
  /** Kills the child (SIGKILL) if it has not exited by then, so a hang fails the test instead of stalling it. */
  readonly timeoutMs?: number;
}

/** Starts `node --conditions=@clearprop/source --import tsx apps/runner/src/main.ts …args` (from source, no build) and resolves when it exits. */
export function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const { NODE_OPTIONS: _jestFlags, FORCE_COLOR: _force, ...env } = process.env;
  const child = spawn(process.execPath, ['--conditions=@clearprop/source', '--import', TSX, MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, CI: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(child, stdout);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(child, stderr);
  });
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'clearprop-runner-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (name → text) into `dir`; returns `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Parses NDJSON text, failing with the line number on a bad line. */
export function parseNdjson(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((line) => line !== '').map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`line ${i + 1} is not JSON: ${line.slice(0, 80)}`);
    }
  });
}

/** The event grammar of a run as one regular expression over one letter per event type. */
export function grammarString(events: readonly Record<string, unknown>[]): string {
  const letter: Record<string, string> = {
    runStart: 'R', epochStart: 'S', batchEnd: 'B', layerStats: 'L', epochEnd: 'E', predictionSnapshot: 'P', confusionMatrix: 'C', boundary: 'M', unitActivations: 'U',
    control: 'c', checkpoint: 'k', earlyStop: 'x', restoredBest: 'r', divergence: 'D', runEnd: 'Z',
  };
  return events.map((e) => letter[String(e.type)] ?? '?').join('');
}

/** The issue's iris-based wine fixtures: 120 train rows and 30 test rows of iris (every 5th row is test). */
export function wineFixtures(dir: string): string {
  const iris = readIris();
  const [header, ...rows] = iris;
  const test = rows.filter((_, i) => i % 5 === 0);
  const train = rows.filter((_, i) => i % 5 !== 0);
  return writeFiles(dir, {
    'wine_train.csv': [header, ...train].join('\n') + '\n',
    'wine_test.csv': [header, ...test].join('\n') + '\n',
    'wine.json': ISSUE_CONFIG,
  });
}

function readIris(): string[] {
  return readFileSync(join(ROOT, 'packages/data/datasets/iris.csv'), 'utf8').trim().split('\n');
}

/** The config of issue 4, verbatim. */
export const ISSUE_CONFIG = `{
  "data": { "train": "wine_train.csv", "test": "wine_test.csv", "target": "label",
            "task": "classification", "standardize": true, "validationSplit": 0.1 },
  "model": { "layers": [ { "units": 32, "activation": "relu" },
                         { "units": 3, "activation": "softmax" } ] },
  "loss": "softmaxCrossEntropy",
  "optimizer": { "name": "adam", "lr": 0.001 },
  "batchSize": 16, "epochs": 200, "seed": 1
}
`;
