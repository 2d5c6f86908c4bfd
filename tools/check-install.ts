#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Checks the packages as a user gets them, from outside the repository: builds, packs every publishable workspace,
// installs the tarballs into a fresh project in a temporary folder (their dependencies from the npm registry), then
// runs README's "Using the library" snippet with plain node, a strict tsc over the public API, the two bins, and an
// esbuild browser bundle of the four root entries. Run by .ci/run after npm test (it needs the registry).
// Usage: ./tools/check-install.ts [--no-build] [--keep]     exits 1 if a check fails, 2 on a usage error
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolArgs } from './tool-args.ts';

/** The publishable workspaces. */
const PACKAGES = ['@clearprop/tensor', '@clearprop/nn', '@clearprop/data', '@clearprop/training', '@clearprop/runner', '@clearprop/dashboard'];

/** The first ```ts block under README's "## Using the library", which must run as plain JavaScript too. */
function readmeSnippet(readme: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Using the library'));
  const code = section && /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README.md has no ```ts block under "## Using the library"');
  return code;
}

// Files the consumer project needs besides tools/consumer/: a YAML config with a CSV beside it (api.ts reads both).
const DATA_FILES: Readonly<Record<string, string>> = {
  'data.csv': 'a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n',
  'experiment.yaml': 'name: tiny\ndata: { train: data.csv, target: label, task: classification }\nmodel: { layers: [{ units: 2, activation: softmax }] }\nloss: softmaxCrossEntropy\noptimizer: { name: sgd, lr: 0.1 }\nbatchSize: 4\nepochs: 1\nseed: 1\n',
};

const options = toolArgs({
  name: 'check-install',
  usage: 'usage: ./tools/check-install.ts [--no-build] [--keep] [-h | --help]',
  help: `Packs ${PACKAGES.join(', ')}, installs the tarballs into a new project under ${tmpdir()} and checks:
  plain node runs README's "Using the library" snippet and sees epochEnd events;
  tsc (strict, nodenext, noUncheckedIndexedAccess, skipLibCheck false) passes on the public API, Node and browser;
  npx clearprop train --preset iris --json, a 2-trial clearprop sweep on worker threads and
  npx clearprop-dashboard --help work;
  esbuild --platform=browser bundles all four root entries with no node: import.
  --no-build   use the dist/ folders as they are (default: npm run build first)
  --keep       keep the temporary project and print its path`,
  options: { 'no-build': { type: 'boolean' }, keep: { type: 'boolean' } },
}, ({ values }) => ({ build: values['no-build'] !== true, keep: values.keep === true }));

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'clearprop-install-'));
const consumer = join(work, 'consumer');
let failures = 0;

/** Runs a command; returns its result, or records a failure (with its output) when the exit code is not 0. */
function run(label: string, command: string, args: readonly string[], cwd: string): { stdout: string; stderr: string } | undefined {
  const started = performance.now();
  // Without the repository's Nx/Jest variables, as a user's shell would be.
  const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`  ok    ${label} (${seconds} s)`);
    return { stdout: result.stdout, stderr: result.stderr };
  }
  failures++;
  console.log(`  FAIL  ${label}: ${command} ${args.join(' ')} exited ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
  return undefined;
}

/** Records a failed expectation about a command's output. */
function expect(label: string, ok: boolean, detail: string): void {
  if (ok) return;
  failures++;
  console.log(`  FAIL  ${label}: ${detail}`);
}

console.log(`check-install: ${work}`);
if (options.build) run('npm run build', 'npm', ['run', 'build', '--silent'], root);

const packed = run('npm pack', 'npm', ['pack', '--json', '--pack-destination', work, ...PACKAGES.flatMap((name) => ['--workspace', name])], root);
const tarballs = packed ? (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]) : [];
const shipped = tarballs.flatMap((t) => t.files.map((f) => `${t.filename}: ${f.path}`));
expect('tarball contents', shipped.length > 0 && shipped.every((f) => !/\.test\.|test-fixtures|\/src\//.test(f)), `tests, fixtures or sources shipped: ${shipped.filter((f) => /\.test\.|test-fixtures|\/src\//.test(f)).join(', ')}`);

// npm publish normalises package.json and can silently drop what it finds invalid (a "./bin/x" bin path, say);
// npm pack keeps it, so only the dry run shows it.
const published = run('npm publish --dry-run --workspaces', 'npm', ['publish', '--dry-run', '--workspaces'], root);
if (published) expect('npm publish --dry-run --workspaces', !/auto-corrected|invalid and removed/.test(published.stderr), `npm would change package.json:\n${published.stderr.split('\n').filter((line) => /corrected|invalid|normalized/.test(line)).join('\n')}`);

writeFileSync(join(work, 'package.json'), '{}\n'); // keeps npm from walking up into another project
cpSync(join(root, 'tools', 'consumer'), consumer, { recursive: true });
for (const [name, text] of Object.entries({ ...DATA_FILES, 'snippet.mjs': readmeSnippet(readFileSync(join(root, 'README.md'), 'utf8')) })) {
  writeFileSync(join(consumer, name), text);
}
const dev = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
run('npm install (tarballs + registry)', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((t) => join(work, t.filename)),
  `typescript@${dev.typescript}`, `esbuild@${dev.esbuild}`, `@types/node@${dev['@types/node']}`], consumer);

const snippet = run('README snippet, plain node', 'node', ['snippet.mjs'], consumer);
if (snippet) {
  const lines = snippet.stdout.trim().split('\n');
  expect('README snippet, plain node', lines.length > 10 && lines.every((line) => /^\d+ \d+(\.\d+)?(e-?\d+)? (0|1|0\.\d+)$/.test(line)),
    `expected one "epoch loss accuracy" line per epochEnd, got:\n${snippet.stdout.slice(0, 400)}`);
}
run('tsc: the public API under strict nodenext, noUncheckedIndexedAccess, skipLibCheck false', 'npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], consumer);
run('tsc: the root entries with lib DOM and without @types/node', 'npx', ['--no-install', 'tsc', '-p', 'tsconfig.browser.json'], consumer);

const trained = run('npx clearprop train --preset iris --json', 'npx', ['--no-install', 'clearprop', 'train', '--preset', 'iris', '--json', '--quiet'], consumer);
if (trained) {
  let summary: { accuracy?: unknown } = {};
  try {
    summary = JSON.parse(trained.stdout) as typeof summary;
  } catch {
    // reported below
  }
  expect('npx clearprop train --preset iris --json', typeof summary.accuracy === 'number' && summary.accuracy > 0.8, `stdout is not one JSON summary with the accuracy:\n${trained.stdout.slice(0, 400)}`);
}
// A sweep on the trial pool's worker threads: the built worker entry (.mjs, copied by the build) must ship and start.
writeFileSync(join(consumer, 'sweep.json'), JSON.stringify({
  base: {
    data: { builtin: 'iris', standardize: true, validationSplit: 0.2 },
    model: { layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 16, epochs: 3, seed: 1,
  },
  space: { 'optimizer.lr': { choice: [0.003, 0.03] } }, search: { method: 'grid' }, objective: { metric: 'validation.accuracy' },
}));
const swept = run('npx clearprop sweep --parallel 2 --json', 'npx', ['--no-install', 'clearprop', 'sweep', '--config', 'sweep.json', '--parallel', '2', '--out-dir', 'sweep-out', '--json', '--quiet'], consumer);
if (swept) {
  let summary: { trials?: unknown; counts?: { done?: unknown } } = {};
  try {
    summary = JSON.parse(swept.stdout) as typeof summary;
  } catch {
    // reported below
  }
  expect('npx clearprop sweep --json', summary.trials === 2 && summary.counts?.done === 2, `stdout is not a JSON summary of 2 finished trials:\n${swept.stdout.slice(0, 400)}`);
}
const help = run('npx clearprop-dashboard --help', 'npx', ['--no-install', 'clearprop-dashboard', '--help'], consumer);
if (help) expect('npx clearprop-dashboard --help', help.stdout.startsWith('usage: clearprop-dashboard'), `unexpected help:\n${help.stdout.slice(0, 200)}`);
for (const [bin, app] of [['clearprop', 'runner'], ['clearprop-dashboard', 'dashboard']]) {
  const expected = `${(JSON.parse(readFileSync(join(root, 'apps', app, 'package.json'), 'utf8')) as { version: string }).version}\n`;
  const version = run(`npx ${bin} --version`, 'npx', ['--no-install', bin, '--version'], consumer);
  if (version) expect(`npx ${bin} --version`, version.stdout === expected, `printed ${JSON.stringify(version.stdout)}, expected ${JSON.stringify(expected)}`);
}

const bundled = run('esbuild --platform=browser, all four root entries', 'npx', ['--no-install', 'esbuild', 'bundle-entry.js', '--bundle', '--platform=browser', '--format=esm', '--outfile=bundle.js', '--log-level=warning'], consumer);
if (bundled) {
  const bundle = readFileSync(join(consumer, 'bundle.js'), 'utf8');
  const nodeImports = [...bundle.matchAll(/["'](node:[\w/]+)["']/g)].map((m) => m[1]);
  expect('browser bundle', nodeImports.length === 0, `imports ${[...new Set(nodeImports)].join(', ')}`);
  console.log(`        bundle: ${(bundle.length / 1024).toFixed(0)} kB unminified`);
}

if (options.keep) console.log(`check-install: kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(failures === 0 ? 'check-install: all checks passed' : `check-install: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
