import type { Tensor } from '@clearprop/tensor';
import { excerpt, excerptList } from '@clearprop/data';
import { isPlainObject } from './json.ts';
import { ModelFileError } from './model-file-error.ts';
import type { ParamTree } from '@clearprop/nn';

/**
 * The shape of a ParamTree with tensors replaced by the names they are stored under. Each node is tagged by its
 * single key, so user object keys (even `tensor` or `array`) and empty containers (`EmptyState = []`) survive exactly.
 */
export type TreeStructure =
  | { readonly tensor: string }
  | { readonly array: readonly TreeStructure[] }
  | { readonly object: { readonly [key: string]: TreeStructure } };

/**
 * Splits a ParamTree into tensors named `<prefix>.<dotted path>` (the tree's own tensors, dtypes kept) and the
 * structure needed to rebuild it. Throws RangeError when two paths collide (a key containing a dot).
 */
export function flattenTree(tree: ParamTree, prefix: string): { readonly tensors: Record<string, Tensor>; readonly structure: TreeStructure } {
  const tensors: Record<string, Tensor> = {};
  const visit = (node: ParamTree, name: string): TreeStructure => {
    if (isTensor(node)) {
      if (name in tensors) throw new RangeError(`flattenTree: two leaves would both be stored as "${name}"`);
      tensors[name] = node;
      return { tensor: name };
    }
    if (Array.isArray(node)) return { array: node.map((child, i) => visit(child, `${name}.${i}`)) };
    const entries = Object.entries(node as { readonly [key: string]: ParamTree });
    return { object: Object.fromEntries(entries.map(([key, child]) => [key, visit(child, `${name}.${key}`)])) };
  };
  const structure = visit(tree, prefix);
  return { tensors, structure };
}

/**
 * Rebuilds a ParamTree from its structure and stored tensors. Throws ModelFileError naming `source` when the
 * structure is malformed, refers to a missing tensor, or leaves a stored tensor unused.
 */
export function unflattenTree(structure: unknown, tensors: Readonly<Record<string, Tensor>>, source: string): ParamTree {
  const used = new Set<string>();
  const visit = (node: unknown, where: string): ParamTree => {
    if (!isPlainObject(node) || Object.keys(node).length !== 1) {
      throw new ModelFileError(source, `optimizer structure at ${excerpt(where)} is not a tagged node`);
    }
    if (typeof node.tensor === 'string') {
      const t = Object.hasOwn(tensors, node.tensor) ? tensors[node.tensor] : undefined;
      if (t === undefined) throw new ModelFileError(source, `optimizer structure refers to missing tensor ${excerpt(node.tensor)}`);
      used.add(node.tensor);
      return t;
    }
    if (Array.isArray(node.array)) return node.array.map((child: unknown, i) => visit(child, `${where}.${i}`));
    if (isPlainObject(node.object)) {
      // Object.fromEntries defines own properties, so a `__proto__` key stays a key (and fails validation later).
      return Object.fromEntries(Object.entries(node.object).map(([key, child]) => [key, visit(child, `${where}.${key}`)]));
    }
    throw new ModelFileError(source, `optimizer structure at ${excerpt(where)} is not a tensor, array or object node`);
  };
  const tree = visit(structure, 'root');
  const unused = Object.keys(tensors).filter((name) => !used.has(name));
  if (unused.length > 0) throw new ModelFileError(source, `optimizer tensor(s) not in the stored structure: ${excerptList(unused)}`);
  return tree;
}

function isTensor(node: ParamTree): node is Tensor {
  const data = (node as Tensor).data;
  return data instanceof Float32Array || data instanceof Float64Array;
}
