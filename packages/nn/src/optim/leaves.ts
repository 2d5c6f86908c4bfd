import type { FloatArray, Tensor } from '@clearprop/tensor';
import { treeZip, type ParamTree } from '../tree.ts';

/*
 * Allocation-free leaf walkers for `updateInPlace`. They recurse over the trees the caller passes (index loops
 * for arrays, `for…in` for records) and hand raw buffers to module-level kernels. Per-call numbers travel in a
 * `scalars` Float64Array that each transform allocates once: V8 boxes a non-integer number passed to, or
 * returned from, a call it does not inline, so plain number arguments would allocate on every batch. Structure
 * is checked on the way; only on a mismatch do we pay for `treeZip`, to get an error that names the path.
 */

/** Visits one buffer; `scalars` carries the transform's constants and per-call numbers (and receives sums). */
export type LeafKernel = (a: FloatArray, scalars: Float64Array) => void;
/** Visits matching buffers of two trees. */
export type LeafKernel2 = (a: FloatArray, b: FloatArray, scalars: Float64Array) => void;
/** Visits matching buffers of three trees. */
export type LeafKernel3 = (a: FloatArray, b: FloatArray, c: FloatArray, scalars: Float64Array) => void;

/** Scalars for kernels that need none. */
export const NO_SCALARS: Float64Array = new Float64Array(0);

type Node = ParamTree;
type Record_ = { readonly [name: string]: ParamTree };

function isLeaf(t: Node): t is Tensor {
  const data = (t as Tensor).data;
  return data instanceof Float32Array || data instanceof Float64Array;
}

/** Calls `kernel(leaf.data, scalars)` for every leaf of `tree`. */
export function forEachLeaf(tree: Node, kernel: LeafKernel, scalars: Float64Array): void {
  if (isLeaf(tree)) {
    kernel(tree.data, scalars);
  } else if (Array.isArray(tree)) {
    const list = tree as readonly Node[];
    for (let i = 0; i < list.length; i++) forEachLeaf(list[i], kernel, scalars);
  } else {
    const record = tree as Record_;
    for (const key in record) forEachLeaf(record[key], kernel, scalars);
  }
}

/** Calls `kernel(a.data, b.data, scalars)` on matching leaves. Throws if the structures differ. */
export function zipLeaves(a: Node, b: Node, kernel: LeafKernel2, scalars: Float64Array): void {
  if (!zip2(a, b, kernel, scalars)) structureError(a, b);
}

/** Calls `kernel(a.data, b.data, c.data, scalars)` on matching leaves. Throws if the structures differ. */
export function zipLeaves3(a: Node, b: Node, c: Node, kernel: LeafKernel3, scalars: Float64Array): void {
  if (!zip3(a, b, c, kernel, scalars)) structureError(a, b, c);
}

/** False as soon as `b` is not shaped like `a`; leaves before that point have already been visited. */
function zip2(a: Node, b: Node, kernel: LeafKernel2, scalars: Float64Array): boolean {
  if (isLeaf(a)) {
    if (!sameLeaf(a, b)) return false;
    kernel(a.data, b.data, scalars);
    return true;
  }
  if (isLeaf(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const left = a as readonly Node[];
    const right = b as readonly Node[];
    if (right.length !== left.length) return false;
    for (let i = 0; i < left.length; i++) if (!zip2(left[i], right[i], kernel, scalars)) return false;
    return true;
  }
  const left = a as Record_;
  const right = b as Record_;
  for (const key in left) {
    const child = right[key];
    if (child === undefined || !zip2(left[key], child, kernel, scalars)) return false;
  }
  return true;
}

/** As zip2, checking both `b` and `c` against `a`. */
function zip3(a: Node, b: Node, c: Node, kernel: LeafKernel3, scalars: Float64Array): boolean {
  if (isLeaf(a)) {
    if (!sameLeaf(a, b) || !sameLeaf(a, c)) return false;
    kernel(a.data, b.data, c.data, scalars);
    return true;
  }
  if (isLeaf(b) || isLeaf(c)) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Array.isArray(a) !== Array.isArray(c)) return false;
  if (Array.isArray(a)) {
    const left = a as readonly Node[];
    const middle = b as readonly Node[];
    const right = c as readonly Node[];
    if (middle.length !== left.length || right.length !== left.length) return false;
    for (let i = 0; i < left.length; i++) if (!zip3(left[i], middle[i], right[i], kernel, scalars)) return false;
    return true;
  }
  const left = a as Record_;
  const middle = b as Record_;
  const right = c as Record_;
  for (const key in left) {
    const first = middle[key];
    const second = right[key];
    if (first === undefined || second === undefined || !zip3(left[key], first, second, kernel, scalars)) return false;
  }
  return true;
}

function sameLeaf(a: Tensor, b: Node): b is Tensor {
  return isLeaf(b) && b.data.length === a.data.length;
}

function structureError(first: Node, ...others: readonly Node[]): never {
  // treeZip names the first differing path; it misses extra trailing array elements and array-vs-record swaps.
  for (const other of others) treeZip([first, other], () => undefined);
  throw new Error('optim: trees have different structures (array lengths or array/record kinds differ)');
}
