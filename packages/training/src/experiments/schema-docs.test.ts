import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { experimentSchema } from './schema.ts';

// docs/config.md is the reference of the config schema: a key added to the schema fails here until it is documented.
const docs = readFileSync(fileURLToPath(new URL('../../../../docs/config.md', import.meta.url)), 'utf8');
const table = docs.slice(docs.indexOf('## Schema'));

describe('docs/config.md documents every key of the config schema', () => {
  const shape = experimentSchema.shape;
  it('top-level keys', () => {
    const missing = Object.keys(shape).filter((key) => !table.includes(`| \`${key}`));
    expect(missing).toEqual([]);
  });
  it('data keys', () => {
    const missing = Object.keys(shape.data.shape).filter((key) => !table.includes(`\`data.${key}\``));
    expect(missing).toEqual([]);
  });
  it('layer keys', () => {
    const row = table.split('\n').find((line) => line.startsWith('| `model.layers[]`')) ?? '';
    const missing = Object.keys(shape.model.shape.layers.element.shape).filter((key) => !row.includes(key));
    expect(missing).toEqual([]);
  });
});
