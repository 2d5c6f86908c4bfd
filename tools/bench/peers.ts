// The peers of `./tools/bench.ts --peers`: brain.js and tfjs-wasm from bench/peers (its own package.json,
// installed here on first use, never by the workspace install or CI), and NumPy / scikit-learn from Debian's
// python3 packages when they are installed. Each peer runs as a child process right after our own workload.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the peer scripts and their package.json live. */
export const PEERS_DIR = fileURLToPath(new URL('../../bench/peers/', import.meta.url));

/** Debian's interpreter: the one whose python3-numpy / python3-sklearn apt installs (not a pyenv or venv one). */
const PYTHON = '/usr/bin/python3';

/** The exact versions bench/peers/package.json pins, read back from what is installed. */
function installedVersion(name: string): string | undefined {
  const file = `${PEERS_DIR}node_modules/${name}/package.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

/**
 * Installs bench/peers unless every pinned dependency is already there at its pinned version. `npm ci` from the
 * committed lockfile, with `--omit=optional` and `--ignore-scripts`: brain.js's CPU `NeuralNetwork` needs neither
 * `gl` (an optional peer of gpu.js that would compile native code) nor any install script. Throws with npm's
 * output when the install fails.
 */
export function ensureJsPeers(log: (line: string) => void): Readonly<Record<string, string>> {
  const wanted = (JSON.parse(readFileSync(`${PEERS_DIR}package.json`, 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  const stale = Object.entries(wanted).filter(([name, version]) => installedVersion(name) !== version);
  if (stale.length > 0) {
    log(`installing the JS peers into bench/peers (${stale.map(([name, version]) => `${name}@${version}`).join(', ')}) …`);
    const npm = spawnSync('npm', ['ci', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: PEERS_DIR, encoding: 'utf8' });
    if (npm.status !== 0) throw new Error(`npm ci in bench/peers failed (exit ${npm.status}):\n${npm.stdout}${npm.stderr}`);
  }
  return wanted;
}

/** Which Debian python3 modules are importable: a missing interpreter or module reports false. */
export function pythonHas(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

/** A peer's one JSON line. */
export type PeerResult = Readonly<Record<string, unknown>>;

function lastJsonLine(command: string, result: ReturnType<typeof spawnSync>): PeerResult {
  if (result.status !== 0) throw new Error(`peer ${command} failed (exit ${result.status}): ${String(result.stderr)}`);
  return JSON.parse(String(result.stdout).trim().split('\n').pop() as string) as PeerResult;
}

/** Runs bench/peers/<script> under this Node with `args`; returns its JSON line. */
export function runNodePeer(script: string, args: readonly (string | number)[]): PeerResult {
  const result = spawnSync(process.execPath, [script, ...args.map(String)], { cwd: PEERS_DIR, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return lastJsonLine(script, result);
}

/**
 * Runs bench/peers/<script> under Debian's python3 with `args`, its BLAS pinned to one thread (OpenBLAS, and
 * OMP/MKL for other BLAS builds); returns its JSON line.
 */
export function runPythonPeer(script: string, args: readonly (string | number)[]): PeerResult {
  const oneThread = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const result = spawnSync(PYTHON, [script, ...args.map(String)], { cwd: PEERS_DIR, encoding: 'utf8', env: { ...process.env, ...oneThread } });
  return lastJsonLine(script, result);
}
