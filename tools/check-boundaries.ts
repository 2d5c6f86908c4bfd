#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Enforces the dependency direction: tensor ← nn ← training; tensor ← data ← training; apps on top; nothing imports
// tools/; imports of another package only through its exports map; root entries free of node: modules; bins that
// load little before parsing arguments. Scans every import in packages/ and apps/, exits 1 listing each violation.
// Usage: ./tools/check-boundaries.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toolArgs } from './tool-args.ts';

toolArgs({
  name: 'check-boundaries',
  usage: 'usage: ./tools/check-boundaries.ts [-h | --help]',
  help: `Checks every import in packages/*/src and apps/*/src (run first by npm test); exits 1 listing violations:
  - dependency direction: tensor ← nn ← training; tensor ← data ← training; apps on top; nothing imports tools/
  - another package only through an entry of its exports map; /testing only from tests
  - the libraries' third-party imports: data csv-parse; training rxjs, fflate, zod, yaml; tensor and nn none
  - the root entries (and all they reach) import no node: module and no /node entry
  - the bins' start-up imports stay small (commands, the training stack, vega, Ink load when used)`,
  options: {},
}, () => undefined);

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

/** The subpaths a package's exports map declares (".", "./node", …). */
const entries = (project: string): string[] =>
  Object.keys((JSON.parse(readFileSync(join(root, 'packages', project, 'package.json'), 'utf8')) as { exports: object }).exports);

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
        else if (sub && !entries(target).includes(`.${sub}`)) violations.push(`${where} (deep import; use an entry of its exports map: ${entries(target).join(', ')})`);
        else if (sub === '/testing' && !isTest) violations.push(`${where} (testing helpers are for tests only)`);
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (kind === 'packages' && !isTest && !externals[project].includes(name)) violations.push(`${where} (external package not allowed in ${project})`);
    }
  }
}
/** One import of a file: its specifier, and whether it is type-only or dynamic. */
interface Import { readonly spec: string; readonly typeOnly: boolean; readonly dynamic: boolean }
const importsOf = (file: string): Import[] =>
  [...readFileSync(file, 'utf8').matchAll(/\b(import|export)(\s+type)?\b[^'";]*?from\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => ({ spec: m[3] ?? m[4] ?? m[5], typeOnly: m[2] !== undefined, dynamic: m[5] !== undefined }));

/** The source file a workspace import resolves to: relative, or @clearprop/<package>[/<entry>]; else undefined. */
function sourceOf(file: string, spec: string): string | undefined {
  if (spec.startsWith('.')) return join(file, '..', spec);
  const scoped = /^@clearprop\/([^/]+)(?:\/([^/]+))?$/.exec(spec);
  return scoped ? join(root, 'packages', scoped[1], 'src', `${scoped[2] ?? 'index'}.ts`) : undefined;
}

/**
 * Follows the workspace imports `follow` accepts from `entry`, calling `check` on each with the import chain; an
 * import `check` rejects (returns false) is reported there and not followed further.
 */
function walk(entry: string, follow: (i: Import) => boolean, check: (i: Import, chain: () => string) => boolean): void {
  const seen = new Map<string, string>([[entry, '']]); // file → the file that imported it
  const chain = (file: string): string => {
    const files = [file];
    for (let by = seen.get(file); by; by = seen.get(by)) files.unshift(by);
    return files.map((f) => relative(root, f)).join(' → ');
  };
  for (const file of seen.keys()) {
    for (const i of importsOf(file)) {
      if (!follow(i) || !check(i, () => chain(file))) continue;
      const target = sourceOf(file, i.spec);
      if (target !== undefined && !seen.has(target)) seen.set(target, file);
    }
  }
}

// The root entries are platform-neutral (browsers, workers, bundles): nothing they reach, type-only and dynamic
// imports included (a .d.ts would need @types/node; a bundler follows import()), may import node: or a /node entry.
for (const project of ['tensor', 'nn', 'data', 'training']) {
  walk(join(root, 'packages', project, 'src', 'index.ts'), () => true, (i, chain) => {
    const ok = !i.spec.startsWith('node:') && !/^@clearprop\/[^/]+\/node$/.test(i.spec);
    if (!ok) violations.push(`${chain()}: imports "${i.spec}" (@clearprop/${project} root entry must stay platform-neutral; move it behind ./node)`);
    return ok;
  });
}

// The bins start fast: what their entry loads before parsing arguments (static value imports) stays small; the
// training stack, kernels, vega, Ink and React are imported when a command needs them.
const startup: Record<string, readonly string[]> = {
  'runner/src/main.ts': ['commander', '@clearprop/training/presets', '@clearprop/data/decimal'],
  'dashboard/src/main.tsx': ['@clearprop/training/presets', '@clearprop/data/decimal'],
};
for (const [entry, light] of Object.entries(startup)) {
  walk(join(root, 'apps', entry), (i) => !i.typeOnly && !i.dynamic, (i, chain) => {
    const ok = i.spec.startsWith('.') || i.spec.startsWith('node:') || light.includes(i.spec);
    if (!ok) violations.push(`${chain()}: imports "${i.spec}" at start-up (allowed: ${light.join(', ') || 'node: modules'}; import it where it is used)`);
    return ok;
  });
}

if (violations.length > 0) {
  console.error(`module boundaries: ${violations.length} violation(s)\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('module boundaries: ok (tensor ← nn ← training; tensor ← data ← training; apps on top; root entries platform-neutral; light bin start-up)');
