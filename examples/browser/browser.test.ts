import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSync } from 'esbuild';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

// The browser example in Debian's Chromium (apt-get install -y chromium; .ci/run installs it): bundled with
// esbuild for the browser from the root entries, loaded from a file, read back from the DOM. Never skipped.
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) throw new Error(`the browser example test needs ${CHROMIUM} (apt-get install -y chromium)`);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

describe('examples/browser in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearprop-browser-'));
  let context: BrowserContext;
  beforeAll(async () => {
    // The @clearprop/source condition bundles the TypeScript sources (no build needed); the outside-the-repo
    // check (tools/check-install.ts) bundles the published dist/ files the same way.
    buildSync({
      entryPoints: [here('./main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
      conditions: ['@clearprop/source'], outfile: join(dir, 'main.js'), logLevel: 'silent',
    });
    copyFileSync(here('./index.html'), join(dir, 'index.html'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false, // --no-sandbox: CI runs as root
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('bundles for the browser with no node: import', () => {
    expect(readFileSync(join(dir, 'main.js'), 'utf8')).not.toMatch(/["']node:/);
  });

  it('trains XOR with train() in the page and writes the loss curve and the final accuracy into the DOM', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.waitForSelector('#status:is([data-state="done"], [data-state="failed"])', { timeout: 90_000 });
    const result = await page.evaluate(() => ({
      status: document.querySelector('#status')?.textContent,
      kernels: document.querySelector('#kernels')?.textContent,
      accuracy: document.querySelector('#accuracy')?.textContent,
      losses: [...document.querySelectorAll('#losses li')].map((item) => Number(item.textContent)),
      points: document.querySelector('#curve polyline')?.getAttribute('points')?.split(' ') ?? [],
    }));
    expect(errors).toEqual([]);
    expect(result.status).toBe('done: completed after 200 epochs');
    expect(result.kernels).toBe('wasm-simd'); // Chromium runs WebAssembly SIMD128: the WASM GEMM, not the TS fallback
    expect(result.losses).toHaveLength(200);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    // XOR's four corners: from ln 2 ≈ 0.69 (a coin toss) to a fit; every corner right.
    expect(result.losses[0]).toBeGreaterThan(0.5);
    expect(result.losses[199]).toBeLessThan(0.05);
    expect(result.accuracy).toBe('1');
    // One curve point per epoch, inside the 480 × 160 view box, the last one near the bottom (low loss).
    const points = result.points.map((point) => point.split(',').map(Number));
    expect(points).toHaveLength(200);
    expect(points.every(([x, y]) => x >= 0 && x <= 480 && y >= 0 && y <= 160)).toBe(true);
    expect(points[199][1]).toBeGreaterThan(150);
  });
});
