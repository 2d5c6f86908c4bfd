import type { z } from 'zod';
import { experimentSchema } from '../experiments/schema.ts';

type Segment = string | number;
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, { readonly _zod: { readonly def: Def } }>>;
  readonly innerType?: { readonly _zod: { readonly def: Def } };
  readonly element?: { readonly _zod: { readonly def: Def } };
  readonly options?: readonly { readonly _zod: { readonly def: Def } }[];
}
const defOf = (schema: z.ZodType | { readonly _zod: { readonly def: Def } }): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Splits a dotted config path into keys and array indices: `model.layers.0.units` → ['model', 'layers', 0, 'units']. */
export function pathSegments(path: string): Segment[] {
  return path.split('.').map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

// The object schemas a value at this point may have (through optional wrappers and unions).
function objects(def: Def): Def[] {
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return def.innerType ? objects(defOf(def.innerType)) : [];
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => objects(defOf(option)));
  return def.type === 'object' || def.type === 'array' ? [def] : [];
}

/**
 * Checks a dotted path against the experiment schema. Returns undefined when some config can have a value there,
 * else why not, naming the first bad segment and the keys that exist at that point.
 */
export function explainUnknownPath(path: string): string | undefined {
  const segments = pathSegments(path);
  if (segments.some((s) => s === '')) return 'empty segment in the path';
  let candidates: Def[] = [defOf(experimentSchema)];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const where = i === 0 ? 'the config' : segments.slice(0, i).join('.');
    const shapes = candidates.flatMap(objects);
    const next: Def[] = [];
    for (const def of shapes) {
      if (def.type === 'array' && typeof segment === 'number' && def.element) next.push(defOf(def.element));
      if (def.type === 'object' && typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)) next.push(defOf(def.shape[segment]));
    }
    if (next.length === 0) {
      const keys = [...new Set(shapes.flatMap((d) => (d.type === 'array' ? ['<index>'] : Object.keys(d.shape ?? {}))))];
      return keys.length === 0 ? `${where} is a value, not an object or list` : `${where} has no ${typeof segment === 'number' ? 'index' : 'key'} "${segment}" (it has ${keys.join(', ')})`;
    }
    candidates = next;
  }
  return undefined;
}

/** The value at a dotted path of a plain JSON value, or undefined. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of pathSegments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * A copy of `value` with `path` set to `next`, copying only the objects and arrays on the path. Missing objects
 * on the way are created; an index past the end of an existing array throws RangeError naming the path.
 */
export function setPath<T>(value: T, path: string, next: unknown): T {
  const set = (node: unknown, segments: readonly Segment[], at: string): unknown => {
    if (segments.length === 0) return next;
    const [head, ...rest] = segments;
    const here = at === '' ? String(head) : `${at}.${head}`;
    if (typeof head === 'number') {
      if (!Array.isArray(node) || head >= node.length) {
        throw new RangeError(`${here}: ${at} has ${Array.isArray(node) ? `${node.length} items (indices 0…${node.length - 1})` : 'no items'}`);
      }
      return node.map((item, i) => (i === head ? set(item, rest, here) : item));
    }
    const object = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : {};
    return { ...object, [head]: set(object[head], rest, here) };
  };
  return set(value, pathSegments(path), '') as T;
}
