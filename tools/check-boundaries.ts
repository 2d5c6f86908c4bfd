#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
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
  training: ['rxjs', 'fflate', 'zod', 'yaml'],
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
        else if (sub && sub !== '/testing' && sub !== '/node') violations.push(`${where} (deep import; use the package index, /node or /testing)`);
        else if (sub === '/testing' && !isTest) violations.push(`${where} (testing helpers are for tests only)`);
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (kind === 'packages' && !isTest && !externals[project].includes(name)) violations.push(`${where} (external package not allowed in ${project})`);
    }
  }
}
// The root entries are platform-neutral (browsers, workers, bundles): nothing they reach, following static imports
// (type-only ones too: their .d.ts would need @types/node), may import a node: module or a /node entry.
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
for (const project of ['tensor', 'nn', 'data', 'training']) {
  const entry = join(root, 'packages', project, 'src', 'index.ts');
  const seen = new Map<string, string>([[entry, '']]); // file → the file that imported it
  const chain = (file: string): string => {
    const files = [file];
    for (let by = seen.get(file); by; by = seen.get(by)) files.unshift(by);
    return files.map((f) => relative(root, f)).join(' → ');
  };
  for (const file of seen.keys()) {
    for (const spec of importsOf(file)) {
      if (spec.startsWith('node:') || /^@clearprop\/[^/]+\/node$/.test(spec)) violations.push(`${chain(file)}: imports "${spec}" (@clearprop/${project} root entry must stay platform-neutral; move it behind ./node)`);
      const scoped = /^@clearprop\/([^/]+)$/.exec(spec);
      const target = spec.startsWith('.') ? join(file, '..', spec) : scoped ? join(root, 'packages', scoped[1], 'src', 'index.ts') : undefined;
      if (target !== undefined && !seen.has(target)) seen.set(target, file);
    }
  }
}

if (violations.length > 0) {
  console.error(`module boundaries: ${violations.length} violation(s)\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('module boundaries: ok (tensor ← nn ← training; tensor ← data ← training; apps on top; root entries platform-neutral)');
