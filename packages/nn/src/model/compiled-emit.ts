import type { Activation } from '../activations/activation.ts';

/*
 * Source emitters for compiled-step.ts: each built-in activation's forward and backward for one row, unrolled over
 * the units, as JavaScript statements. Every line copies the expression of the generic kernel in
 * activations/*.ts in the same evaluation order, and `round` marks exactly the stores the generic path makes into
 * its Float32Array buffers (Math.fround for float32, nothing for float64), so the numbers agree bit for bit; `exp`
 * (sigmoid, softmax) is the generic kernels' expFor(buffer): float32Exp for float32, Math.exp for float64.
 *
 * Local names, per layer l and unit j: z{l}_{j}, a{l}_{j} (this row's pre-activation and activation),
 * d{l}_{j} (δ), al{l}_{j} (PReLU slope), ga{l}_{j} (∂C/∂α sum), ex{l}_{j} (softmax's e^z); `t` is a scratch double (one per loop body).
 * compiled-step.ts owns the rest (x, w, b, gw, gb, e, g, o).
 */

/** Wraps an expression in the store rounding of the workspace dtype. */
export type Round = (expression: string) => string;

/** What a layer's emitter needs to know. */
export interface EmitContext {
  readonly layer: number;
  readonly units: number;
  readonly round: Round;
}

/** One activation as source, for one row. */
export interface ActivationEmitter {
  /** Statements declaring `const a{l}_{j}` from the `z{l}_{j}` locals. */
  forward(context: EmitContext): string[];
  /** Statements declaring `let d{l}_{j}` from `da(j)` (already rounded) and the z/a locals of the row. */
  backward(context: EmitContext, da: (j: number) => string): string[];
  /** Which of z and a the backward reads. */
  readonly reads: { readonly z: boolean; readonly a: boolean };
}

const units = (n: number): number[] => Array.from({ length: n }, (_, j) => j);

/** A number literal that round-trips exactly, including −0. */
const literal = (x: number): string => (Object.is(x, -0) ? '(-0)' : `(${String(x)})`);

// An element-wise activation from its forward and backward expressions of one unit's locals.
function perUnit(
  forward: (z: string, round: Round) => string,
  backward: (da: string, z: string, a: string, round: Round) => string,
  reads: { readonly z: boolean; readonly a: boolean },
): ActivationEmitter {
  return {
    reads,
    forward: ({ layer: l, units: n, round }) => units(n).map((j) => `const a${l}_${j} = ${forward(`z${l}_${j}`, round)};`),
    backward: ({ layer: l, units: n, round }, da) => units(n).map((j) => `let d${l}_${j} = ${backward(da(j), `z${l}_${j}`, `a${l}_${j}`, round)};`),
  };
}

const sigmoid = perUnit(
  (z, round) => round(`${z} >= 0 ? 1 / (1 + exp(-${z})) : (t = exp(${z}), t / (1 + t))`),
  (da, _z, a, round) => round(`${da} * ${a} * (1 - ${a})`),
  { z: false, a: true },
);

const tanh = perUnit(
  (z, round) => round(`Math.tanh(${z})`),
  (da, _z, a, round) => round(`${da} * (1 - ${a} * ${a})`),
  { z: false, a: true },
);

const relu = perUnit(
  (z, round) => round(`(t = (${z} + Math.abs(${z})) * 0.5, t === t ? t : 0)`),
  (da, z) => `${z} > 0 ? ${da} : 0`,
  { z: true, a: false },
);

const leakyRelu = (alpha: number): ActivationEmitter => perUnit(
  (z, round) => round(`${z} > 0 ? ${z} : ${literal(alpha)} * ${z}`),
  (da, z, _a, round) => round(`${z} > 0 ? ${da} : ${literal(alpha)} * ${da}`),
  { z: true, a: false },
);

const identity = perUnit((z) => z, (da) => da, { z: false, a: false });

const prelu: ActivationEmitter = {
  reads: { z: true, a: false },
  forward: ({ layer: l, units: n, round }) => units(n).map((j) => `const a${l}_${j} = ${round(`z${l}_${j} > 0 ? z${l}_${j} : al${l}_${j} * z${l}_${j}`)};`),
  backward: ({ layer: l, units: n, round }, da) => units(n).flatMap((j) => [
    `let d${l}_${j} = ${da(j)};`,
    `if (!(z${l}_${j} > 0)) { ga${l}_${j} = ${round(`ga${l}_${j} + ${da(j)} * z${l}_${j}`)}; d${l}_${j} = ${round(`${da(j)} * al${l}_${j}`)}; }`,
  ]),
};

const softmax: ActivationEmitter = {
  reads: { z: false, a: true },
  forward: ({ layer: l, units: n, round }) => [
    // Max, then e and its (unrounded) sum, then the division of the rounded e, as softmax.ts does.
    `t = -Infinity;`,
    ...units(n).map((j) => `if (z${l}_${j} > t) t = z${l}_${j};`),
    ...units(n).map((j) => `const ex${l}_${j} = exp(z${l}_${j} - t);`),
    `t = 0${units(n).map((j) => ` + ex${l}_${j}`).join('')};`,
    ...units(n).map((j) => `const a${l}_${j} = ${round(`${round(`ex${l}_${j}`)} / t`)};`),
  ],
  backward: ({ layer: l, units: n, round }, da) => [
    `t = 0${units(n).map((j) => ` + ${da(j)} * a${l}_${j}`).join('')};`,
    ...units(n).map((j) => `let d${l}_${j} = ${round(`a${l}_${j} * (${da(j)} - t)`)};`),
  ],
};

/**
 * The emitter for a built-in activation, or undefined for one this generator does not know. Dispatches on the
 * name: a Model built by `sequential` holds only the built-in activations (resolveActivation).
 */
export function activationEmitter(activation: Activation): ActivationEmitter | undefined {
  switch (activation.name) {
    case 'sigmoid': return sigmoid;
    case 'tanh': return tanh;
    case 'relu': return relu;
    case 'leakyRelu': return activation.alpha === undefined ? undefined : leakyRelu(activation.alpha);
    case 'prelu': return prelu;
    case 'identity': return identity;
    case 'softmax': return softmax;
    default: return undefined;
  }
}
