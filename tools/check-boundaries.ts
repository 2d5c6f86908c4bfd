#!/usr/bin/env -S node --import tsx
// Enforces the dependency direction: tensor ← nn ← training; tensor ← data ← training; apps on top; nothing imports
// tools/. Scans every import in packages/ and apps/ and exits 1 listing each violation.
// Usage: ./tools/check-boundaries.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const allowed: Record<string, readonly string[]> = {
  tensor: [],
  nn: ['tensor'],
  data: ['tensor'],
  training: ['tensor', 'nn', 'data'],
  runner: ['tensor', 'nn', 'data', 'training'],
  dashboard: ['tensor', 'nn', 'data', 'training'],
};
// External packages each library may use; apps may use anything they declare.
const externals: Record<string, readonly string[]> = {
  tensor: [],
  nn: [],
  data: ['csv-parse'],
  training: ['rxjs', 'fflate', 'zod', 'yaml', 'onnx-proto', 'piscina', 'bullmq', 'ioredis'],
};

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

const violations: string[] = [];
for (const [kind, project] of [...['tensor', 'nn', 'data', 'training'].map((p) => ['packages', p]), ['apps', 'runner'], ['apps', 'dashboard']]) {
  const dir = join(root, kind, project, 'src');
  for (const file of files(dir)) {
    const isTest = /\.test\.tsx?$|\/testing\//.test(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = match[1] ?? match[2];
      const where = `${relative(root, file)}: imports "${spec}"`;
      if (spec.includes('/tools/') || spec.startsWith('tools/')) violations.push(`${where} (nothing may import tools/)`);
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      const scoped = /^@clearprop\/([^/]+)(\/.*)?$/.exec(spec);
      if (scoped) {
        const [, target, sub] = scoped;
        if (target === project) violations.push(`${where} (a package imports itself by name)`);
        else if (!allowed[project].includes(target)) violations.push(`${where} (${project} may depend on: ${allowed[project].join(', ') || 'nothing'})`);
        else if (sub && sub !== '/testing') violations.push(`${where} (deep import; use the package index)`);
        else if (sub === '/testing' && !isTest) violations.push(`${where} (testing helpers are for tests only)`);
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (kind === 'packages' && !isTest && !externals[project].includes(name)) violations.push(`${where} (external package not allowed in ${project})`);
    }
  }
}
if (violations.length > 0) {
  console.error(`module boundaries: ${violations.length} violation(s)\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('module boundaries: ok (tensor ← nn ← training; tensor ← data ← training; apps on top)');
