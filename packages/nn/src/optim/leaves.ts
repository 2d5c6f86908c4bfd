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
/** Visits matching buffers of four trees. */
export type LeafKernel4 = (a: FloatArray, b: FloatArray, c: FloatArray, d: FloatArray, scalars: Float64Array) => void;

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

/** Calls `kernel(a.data, b.data, c.data, d.data, scalars)` on matching leaves. Throws if the structures differ. */
export function zipLeaves4(a: Node, b: Node, c: Node, d: Node, kernel: LeafKernel4, scalars: Float64Array): void {
  if (!zip4(a, b, c, d, kernel, scalars)) structureError(a, b, c, d);
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

/** As zip3, checking `b`, `c` and `d` against `a`. */
function zip4(a: Node, b: Node, c: Node, d: Node, kernel: LeafKernel4, scalars: Float64Array): boolean {
  if (isLeaf(a)) {
    if (!sameLeaf(a, b) || !sameLeaf(a, c) || !sameLeaf(a, d)) return false;
    kernel(a.data, b.data, c.data, d.data, scalars);
    return true;
  }
  if (isLeaf(b) || isLeaf(c) || isLeaf(d)) return false;
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b) || isArray !== Array.isArray(c) || isArray !== Array.isArray(d)) return false;
  // Casts rather than destructuring, which would allocate on every call of this hot path.
  if (isArray) {
    const first = a as readonly Node[];
    const second = b as readonly Node[];
    const third = c as readonly Node[];
    const fourth = d as readonly Node[];
    if (second.length !== first.length || third.length !== first.length || fourth.length !== first.length) return false;
    for (let i = 0; i < first.length; i++) if (!zip4(first[i], second[i], third[i], fourth[i], kernel, scalars)) return false;
    return true;
  }
  const first = a as Record_;
  const second = b as Record_;
  const third = c as Record_;
  const fourth = d as Record_;
  for (const key in first) {
    const x = second[key];
    const y = third[key];
    const z = fourth[key];
    if (x === undefined || y === undefined || z === undefined || !zip4(first[key], x, y, z, kernel, scalars)) return false;
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
