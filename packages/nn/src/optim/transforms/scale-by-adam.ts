import { createWasmAdamKernel, wasmSimdSupported, type AdamKernel, type FloatArray, type Tensor } from '@clearprop/tensor';
import { treeZerosLike, type ParamTree } from '../../tree.ts';
import { zeroCount } from '../count.ts';
import { zipLeaves3, zipLeaves4, type LeafKernel3, type LeafKernel4 } from '../leaves.ts';
import { transform, type GradientTransform } from '../transform.ts';
import { checkArgument } from '../validate.ts';

/** Options for scaleByAdam. */
export interface AdamOptions {
  /** Decay of the first-moment estimate, in [0, 1). @defaultValue 0.9 */
  readonly b1?: number;
  /** Decay of the second-moment estimate, in [0, 1). @defaultValue 0.999 */
  readonly b2?: number;
  /** Added to √ν̂ for stability, > 0. @defaultValue 1e-8 */
  readonly eps?: number;
}

/** State of scaleByAdam: update count (float64 [1]) and the two moment estimates, shaped like the params. */
export type AdamState = { readonly count: Tensor; readonly mu: ParamTree; readonly nu: ParamTree };

/**
 * Adam's rescaling with bias correction (optax `scale_by_adam`): with t the count after this update,
 * μ ← b1·μ + (1−b1)·g, ν ← b2·ν + (1−b2)·g², u ← (μ/(1−b1ᵗ)) / (√(ν/(1−b2ᵗ)) + eps).
 * Float64 leaves are computed in float64. Float32 leaves, where the runtime has WebAssembly SIMD128, in float32
 * (as PyTorch does for float32 params; see createWasmAdamKernel): each moment within 3 ulps of its larger term's
 * float64 value and u within 4 ulps (measured ≤ 1.3 and ≤ 2), about 4× faster; elsewhere in float64 as well.
 * @see Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", https://arxiv.org/abs/1412.6980
 */
export function scaleByAdam(options: AdamOptions = {}): GradientTransform<AdamState> {
  const scalars = adamScalars('scaleByAdam', options);
  return transform<AdamState>({
    init: initAdam,
    updateInPlace(grads, state) {
      adamStep(grads, state, scalars);
    },
  });
}

/** Zero moments shaped like the params and a zero count. */
export const initAdam = (params: ParamTree): AdamState => ({ count: zeroCount(), mu: treeZerosLike(params), nu: treeZerosLike(params) });

/**
 * The per-update numbers of an Adam kernel, validated: [b1, b2, eps, 1/(1 − b1ᵗ), 1/(1 − b2ᵗ), factor], the
 * corrections rewritten by each update and `factor` (the learning-rate step fused after it, or 1) by its caller.
 * They travel in a buffer rather than as arguments: see leaves.ts.
 */
export function adamScalars(owner: string, options: AdamOptions): Float64Array {
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8 } = options;
  checkArgument(owner, 'b1', b1, b1 >= 0 && b1 < 1, 'in [0, 1)');
  checkArgument(owner, 'b2', b2, b2 >= 0 && b2 < 1, 'in [0, 1)');
  checkArgument(owner, 'eps', eps, eps > 0, 'a finite number > 0');
  return Float64Array.of(b1, b2, eps, 0, 0, 1);
}

/**
 * One Adam update of `grads` in place (u, scaled by scalars[5]) and of the state: the count, then the moments.
 * With `params`, also params ← params + grads in the same pass (applyUpdatesInPlace's numbers).
 */
export function adamStep(grads: ParamTree, state: AdamState, scalars: Float64Array, params?: ParamTree): void {
  const count = state.count.data;
  count[0] += 1;
  scalars[3] = 1 / (1 - scalars[0] ** count[0]);
  scalars[4] = 1 / (1 - scalars[1] ** count[0]);
  if (params === undefined) zipLeaves3(grads, state.mu, state.nu, adamLeaf, scalars);
  else zipLeaves4(grads, state.mu, state.nu, params, adamApplyLeaf, scalars);
}

// The float32 kernel, created at the first float32 leaf and shared by every Adam in the process: it is code plus
// scratch memory, holding nothing between calls. One per optimizer made the leaf walker's call site see several
// closures, and V8 then allocated on every update (80 bytes a call, measured), which the training step must not.
let wasmKernel: AdamKernel | null | undefined;

/** The WebAssembly SIMD128 float32 kernel for float32 leaves where the runtime has it, the float64 loop otherwise. */
const adamLeaf: LeafKernel3 = (g, mu, nu, scalars) => {
  if (g instanceof Float32Array && mu instanceof Float32Array && nu instanceof Float32Array) {
    wasmKernel ??= wasmSimdSupported() ? createWasmAdamKernel() : null;
    if (wasmKernel !== null) {
      wasmKernel(g, mu, nu, scalars);
      return;
    }
  }
  adamKernel(g, mu, nu, scalars);
};

/** adamLeaf, then p ← p + g: fused in the WebAssembly kernel, two loops otherwise. */
const adamApplyLeaf: LeafKernel4 = (g, mu, nu, p, scalars) => {
  if (g instanceof Float32Array && mu instanceof Float32Array && nu instanceof Float32Array && p instanceof Float32Array) {
    wasmKernel ??= wasmSimdSupported() ? createWasmAdamKernel() : null;
    if (wasmKernel !== null) {
      wasmKernel(g, mu, nu, scalars, p);
      return;
    }
  }
  adamKernel(g, mu, nu, scalars);
  for (let i = 0; i < p.length; i++) p[i] += g[i];
};

function adamKernel(g: FloatArray, mu: FloatArray, nu: FloatArray, scalars: Float64Array): void {
  const b1 = scalars[0];
  const b2 = scalars[1];
  const eps = scalars[2];
  const inverse1 = scalars[3];
  const inverse2 = scalars[4];
  const factor = scalars[5];
  for (let i = 0; i < g.length; i++) {
    const gi = g[i];
    mu[i] = b1 * mu[i] + (1 - b1) * gi;
    nu[i] = b2 * nu[i] + (1 - b2) * gi * gi;
    // Reads the moments back from the buffers so the update uses exactly the (possibly float32) stored state.
    // Multiplying by the inverse corrections saves two of the three divisions, the cost of this loop.
    g[i] = (mu[i] * inverse1) / (Math.sqrt(nu[i] * inverse2) + eps);
    // Stored, then scaled: exactly what a separate scaleByLearningRate pass would compute (×1 changes nothing).
    g[i] *= factor;
  }
}
