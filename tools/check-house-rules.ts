#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// House rules for library code (packages/*/src, tests and testing helpers excepted): no printing, no Math.random or
// Date.now (randomness comes from a seeded Rng, time from an injected clock), no skipped or todo tests anywhere.
// Usage: ./tools/check-house-rules.ts        exits 1 listing every violation
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toolArgs } from './tool-args.ts';

toolArgs({
  name: 'check-house-rules',
  usage: 'usage: ./tools/check-house-rules.ts [-h | --help]',
  help: `Checks packages/*/src (tests and testing helpers excepted) for printing (console.*, process.stdout/stderr)
and for Math.random / Date.now, and packages, apps and tools for skipped or todo tests. Exits 1 listing each.`,
  options: {},
}, () => undefined);

const root = new URL('..', import.meta.url).pathname;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

const libraryRules: readonly [RegExp, string][] = [
  [/\bconsole\.(log|error|warn|info|debug)\b|process\.(stdout|stderr)\.write/, 'library code prints (emit an event or return a value)'],
  [/\bMath\.random\(|\bDate\.now\(/, 'library code reads Math.random/Date.now (take a seeded Rng or an injected clock)'],
];
const testRule: [RegExp, string] = [/\b(it|test|describe)\.(skip|todo)\(|\bx(it|describe)\(/, 'skipped or todo test'];

const violations: string[] = [];
for (const top of ['packages', 'apps', 'tools']) {
  for (const file of files(join(root, top))) {
    if (file.endsWith('check-house-rules.ts')) continue;
    const isLibrary = top === 'packages' && !/\.test\.tsx?$|\/testing\//.test(file);
    const rules = isLibrary ? [...libraryRules, testRule] : [testRule];
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(\*|\/\/)/.test(line)) return; // doc comments may show console.log in an @example
      for (const [pattern, message] of rules) if (pattern.test(line)) violations.push(`${relative(root, file)}:${i + 1}: ${message}`);
    });
  }
}
if (violations.length > 0) {
  console.error(`house rules: ${violations.length} violation(s)\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('house rules: ok (no printing, Math.random or Date.now in packages; no skipped tests)');
