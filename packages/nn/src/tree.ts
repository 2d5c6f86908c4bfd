import { allocate, fromData, type Tensor } from '@clearprop/tensor';

/** A nested structure of tensors: parameters, gradients and optimizer state all share this shape (optax's pytree). */
export type ParamTree = Tensor | readonly ParamTree[] | { readonly [name: string]: ParamTree | undefined };

function isTensor(t: ParamTree): t is Tensor {
  return (t as Tensor).data instanceof Float32Array || (t as Tensor).data instanceof Float64Array;
}

/** Maps every tensor leaf, keeping the tree structure. */
export function treeMap<T extends ParamTree>(tree: T, f: (leaf: Tensor, path: string) => Tensor, path = ''): T {
  if (isTensor(tree)) return f(tree, path) as T;
  if (isList(tree)) return tree.map((t, i) => treeMap(t, f, join(path, String(i)))) as unknown as T;
  const out: Record<string, ParamTree> = {};
  for (const [k, v] of entries(tree)) out[k] = treeMap(v, f, join(path, k));
  return out as T;
}

/** Lists the tensor leaves with dotted paths (`0.weight`), in a stable order. */
export function treeLeaves(tree: ParamTree, path = ''): { readonly path: string; readonly tensor: Tensor }[] {
  if (isTensor(tree)) return [{ path, tensor: tree }];
  if (isList(tree)) return tree.flatMap((t, i) => treeLeaves(t, join(path, String(i))));
  return entries(tree).flatMap(([k, v]) => treeLeaves(v, join(path, k)));
}

/**
 * Visits matching leaves of trees with the same structure, e.g. (grads, state, params) in an optimizer.
 * Throws if the structures differ, naming the path.
 */
export function treeZip(trees: readonly ParamTree[], f: (leaves: readonly Tensor[], path: string) => void, path = ''): void {
  const [first] = trees;
  if (isTensor(first)) {
    trees.forEach((t, i) => {
      if (!isTensor(t) || t.data.length !== first.data.length) throw new Error(`treeZip: tree ${i} differs from tree 0 at "${path}"`);
    });
    f(trees as readonly Tensor[], path);
    return;
  }
  const keys = isList(first) ? first.map((_, i) => String(i)) : entries(first).map(([k]) => k);
  for (const key of keys) {
    const children = trees.map((t, i) => {
      const child = (t as Record<string, ParamTree>)[key];
      if (child === undefined) throw new Error(`treeZip: tree ${i} has no "${join(path, key)}"`);
      return child;
    });
    treeZip(children, f, join(path, key));
  }
}

/** A deep copy with fresh buffers. */
export function treeClone<T extends ParamTree>(tree: T): T {
  return treeMap(tree, (t) => fromData(t.data.slice(), t.shape));
}

/** Zeros with the same structure, shapes and dtypes. */
export function treeZerosLike<T extends ParamTree>(tree: T): T {
  return treeMap(tree, (t) => fromData(allocate(t.dtype, t.data.length), t.shape));
}

/** Total number of scalar elements. */
export function treeSize(tree: ParamTree): number {
  return treeLeaves(tree).reduce((n, { tensor }) => n + tensor.data.length, 0);
}

/** √(Σ x²) over every leaf, accumulated in float64. */
export function treeNorm(tree: ParamTree): number {
  let s = 0;
  for (const { tensor } of treeLeaves(tree)) for (let i = 0; i < tensor.data.length; i++) s += tensor.data[i] * tensor.data[i];
  return Math.sqrt(s);
}

// Array.isArray does not narrow readonly arrays.
function isList(tree: ParamTree): tree is readonly ParamTree[] {
  return Array.isArray(tree);
}

// Absent optional leaves (e.g. `alpha` of a non-PReLU layer) are not part of the tree.
function entries(tree: { readonly [name: string]: ParamTree | undefined }): [string, ParamTree][] {
  return Object.entries(tree).filter((e): e is [string, ParamTree] => e[1] !== undefined);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
