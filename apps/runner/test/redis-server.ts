// Test helpers for the distributed sweep tests: a real redis-server (Debian's) on a free local port, and CLI
// processes kept running (workers) that a test can signal or kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ROOT } from './cli-harness.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TSX = new URL('node_modules/tsx/dist/loader.mjs', `file://${ROOT}`).href;

/** A port nothing listens on right now (the OS's pick for a throwaway listener). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running redis-server without persistence; `url` is its redis:// address. */
export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `redis-server --port <free> --save '' --appendonly no` and waits until it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.once('error', (error) => reject(new Error(`redis-server could not start (is it installed? .ci/run installs it): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child, 'SIGTERM') };
}

/** A CLI process left running, with its output so far. */
export interface RunningCli {
  readonly child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr matches. */
  waitFor(pattern: RegExp): Promise<void>;
}

/** Starts the CLI (`node --conditions=@clearprop/source --import tsx main.ts …args`, from source) without waiting for it. */
export function startCli(args: readonly string[]): RunningCli {
  const { NODE_OPTIONS: _jestFlags, ...env } = process.env;
  const child = spawn(process.execPath, ['--conditions=@clearprop/source', '--import', TSX, MAIN, ...args], { cwd: ROOT, env: { ...env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const w of [...watchers]) if (w.pattern.test(stderr)) watchers.splice(watchers.indexOf(w), 1) && w.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child, exited, stderr: () => stderr,
    waitFor: (pattern) => new Promise<void>((resolve, reject) => {
      if (pattern.test(stderr)) return resolve();
      watchers.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`exited before ${pattern}: ${stderr}`)));
    }),
  };
}

/** Signals a process and waits for it to end. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill(signal);
  });
}
