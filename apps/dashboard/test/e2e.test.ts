import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadModel } from '@clearprop/training/node';

// End-to-end: the real dashboard in a real pseudo-terminal (tmux, 100×30), driven by keys, read by capture-pane.
// Needs tmux (Debian: apt-get install -y tmux; .ci/run installs it). Without it the suite fails: never skipped.
const root = resolve(import.meta.dirname, '../../..');
const socket = `clearprop-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (session: string) => tmux('capture-pane', '-p', '-J', '-t', session);
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `command` in a new 100×30 session; the shell prints EXIT:<code> when it ends and keeps the pane open. */
function start(session: string, command: string): void {
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', root, `TERM=xterm-256color ${command}; echo EXIT:$?; sleep 120`);
}

/** Polls the screen until `test` passes (returns its value) or `timeoutMs` runs out (throws with the screen). */
async function waitFor<T>(session: string, test: (text: string) => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(session);
    const value = test(text);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const epochOf = (text: string): number | undefined => {
  const match = /epoch\s+(\d+)\/(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
};

try {
  execFileSync('tmux', ['-V'], { stdio: 'ignore' });
} catch {
  throw new Error('the dashboard end-to-end test needs tmux (apt-get install -y tmux)');
}

describe('dashboard in a real terminal (tmux)', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'clearprop-e2e-'));
  });
  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      // no server left: nothing to clean up
    }
    await rm(directory, { recursive: true, force: true });
  });

  it('nx run dashboard:serve trains live; p pauses and resumes; q stops, writes the model and exits 0', async () => {
    const model = join(directory, 'model.safetensors');
    const outDir = join(directory, 'run');
    start('train', `NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false npx nx run dashboard:serve -- --preset sin --epochs 100000 --out ${quote(model)} --out-dir ${quote(outDir)}`);
    // One capture must show it all: the header with architecture, parameters, seed and state; a loss chart with
    // braille dots; a started epoch counter. (Separate captures could each catch a half-drawn frame.)
    const first = await waitFor(
      'train',
      (t) => /clearprop sin\s+1-32-32-1 tanh\/tanh\/identity\s+1,153 params\s+seed 1.*● running/.test(t) && t.includes('loss (log)') && /[⠁-⣿]/.test(t) && (epochOf(t) ?? 0) > 0 && epochOf(t),
      40_000,
    );
    await waitFor('train', (t) => (epochOf(t) ?? 0) > first);

    tmux('send-keys', '-t', 'train', 'p');
    const paused = await waitFor('train', (t) => t.includes('● paused') && epochOf(t));
    // Paused: the counter must not move over several redraw periods (≥ 10 redraws at 20/s).
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 100));
      expect(epochOf(screen('train'))).toBe(paused);
    }
    tmux('send-keys', '-t', 'train', 'p');
    await waitFor('train', (t) => t.includes('● running') && (epochOf(t) ?? 0) > paused);

    tmux('send-keys', '-t', 'train', 'q');
    const exit = await waitFor('train', (t) => /EXIT:(\d+)/.exec(t)?.[1]);
    expect(exit).toBe('0');
    expect(screen('train')).toContain(`model written to ${model}`);
    expect(existsSync(model)).toBe(true);
    // The session wrote the same run folder as the runner would, and the model carries the dataset metadata.
    for (const file of ['config.json', 'events.ndjson', 'metrics.csv']) expect(existsSync(join(outDir, file))).toBe(true);
    expect(JSON.parse((await loadModel(model)).extra?.dataset ?? 'null')).toMatchObject({ task: 'regression', featureNames: ['x'], targetNames: ['y'] });
  }, 60_000);

  it('--preset moons shows the boundary panel live: a coloured half-block map with the points; NO_COLOR draws shades', async () => {
    const outDir = join(directory, 'moons');
    start('moons', `node --conditions=@clearprop/source --import tsx apps/dashboard/src/main.tsx --preset moons --out-dir ${quote(outDir)}`);
    // The panel with its legend, the map (half blocks) and training points of both classes, all in one capture.
    const panel = await waitFor('moons', (t) => /─ boundary · epoch \d+/.test(t) && t.includes('● 0  ▲ 1  ○△ validation') && /▀/.test(t) && /●/.test(t) && /▲/.test(t) && t, 40_000);
    expect(panel).toMatch(/→ x0 -1\.\d+…2\.\d+ +↑ x1 /);
    // Colours: the map's cells carry 256-colour (or true-colour) foreground and background codes.
    expect(tmux('capture-pane', '-p', '-e', '-t', 'moons')).toMatch(/\x1b\[(?:[0-9;]*;)?48;[25];[0-9;]+m/);
    await waitFor('moons', (t) => t.includes('● done') && /─ boundary · epoch 100/.test(t), 40_000);
    tmux('send-keys', '-t', 'moons', 'Tab', 'Tab', 'Tab');
    await waitFor('moons', (t) => /─ neurons · epoch 100 · x0 → x1 ↑/.test(t) && t.includes('layer 1 · relu · 16 units'));
    tmux('send-keys', '-t', 'moons', 'q');
    expect(await waitFor('moons', (t) => /EXIT:(\d+)/.exec(t)?.[1])).toBe('0');

    start('mono', `NO_COLOR=1 node --conditions=@clearprop/source --import tsx apps/dashboard/src/main.tsx --preset moons --epochs 5 --out-dir ${quote(join(directory, 'mono'))}`);
    const mono = await waitFor('mono', (t) => t.includes('● done') && /─ boundary · epoch 5/.test(t) && t, 40_000);
    // Shade glyphs instead of half blocks (two classes: P(class 1) in five steps), and no colour codes at all.
    const map = mono.split('\n').filter((line) => line.includes('│') && /[░▒▓█]/.test(line));
    expect(map.length).toBeGreaterThan(5);
    expect(mono).not.toContain('▀');
    expect(tmux('capture-pane', '-p', '-e', '-t', 'mono')).not.toMatch(/\x1b\[[0-9;]*[34]8;/);
    tmux('send-keys', '-t', 'mono', 'q');
    expect(await waitFor('mono', (t) => /EXIT:(\d+)/.exec(t)?.[1])).toBe('0');
  }, 90_000);

  it('--follow shows the epochs of a runner that is still writing --events, then its end', async () => {
    const events = join(directory, 'events.ndjson');
    start('follow', `node --conditions=@clearprop/source --import tsx apps/dashboard/src/main.tsx --follow ${quote(events)}`);
    await waitFor('follow', (t) => t.includes('waiting for') && t.includes('follow'));
    const runner = spawn(process.execPath, ['--conditions=@clearprop/source', '--import', 'tsx', 'apps/runner/src/main.ts', 'train', '--preset', 'sin', '--epochs', '100000', '--events', events, '--out-dir', join(directory, 'runner'), '--quiet'], { cwd: root, stdio: 'ignore' });
    const runnerExit = new Promise<number | null>((r) => runner.on('exit', r));
    // Live: the follow screen counts epochs while the runner has not exited (it would need 100000 epochs).
    const seen = await waitFor('follow', (t) => t.includes('● running') && (epochOf(t) ?? 0) > 2 && epochOf(t), 40_000);
    expect(runner.exitCode).toBeNull();
    await waitFor('follow', (t) => (epochOf(t) ?? 0) > seen);
    expect(runner.exitCode).toBeNull();
    runner.kill('SIGINT'); // the runner checkpoints, stops, writes its model and exits 130
    const finalScreen = await waitFor('follow', (t) => t.includes('● stopped') && /run ended: stopped after \d+ epochs?/.test(t) && t, 40_000);
    expect(await runnerExit).toBe(130);
    expect(finalScreen).toContain('clearprop sin');
    tmux('send-keys', '-t', 'follow', 'q');
    expect(await waitFor('follow', (t) => /EXIT:(\d+)/.exec(t)?.[1])).toBe('0');
  }, 60_000);
});
