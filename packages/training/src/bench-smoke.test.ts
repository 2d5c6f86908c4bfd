import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Smoke run of tools/bench.ts: every workload line must be present and finite. No timing assertions: CI
// machines are shared and slow, the numbers are only meaningful from a full run on a quiet one.
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('tools/bench.ts --quick', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clearprop-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a finite JSON line for every workload', () => {
    const out = join(dir, 'bench.jsonl');
    const result = spawnSync(process.execPath, ['--conditions=@clearprop/source', '--import', 'tsx', 'tools/bench.ts', '--quick', '--json', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 120_000,
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const key = (l: Record<string, unknown>) => [l.workload, l.case].filter((v) => v !== undefined).join(':');
    expect(lines.map(key).sort()).toEqual(['memory:csv-rss', 'memory:regularized-heap', 'memory:w1-heap', 'memory:w2-rss', 'w1', 'w1:engine-loop', 'w2', 'w2:with-final-eval', 'w3:AB', 'w3:ABt', 'w3:AtB', 'w3:ceiling', 'w4'].sort());
    const metric: Record<string, readonly string[]> = {
      w1: ['seconds'], w2: ['seconds'], w3: ['gflops'], w4: ['seconds', 'accuracy'], memory: [],
    };
    for (const line of lines) {
      for (const field of metric[line.workload as string]) expect(Number.isFinite(line[field])).toBe(true);
      for (const value of Object.values(line)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
    expect(result.stdout).toContain('W4 digits');
  }, 150_000);
});
