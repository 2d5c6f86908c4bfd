/*
 * Source emitters for model/compiled-step.ts: an activation's forward and backward for one row, unrolled over the
 * units, as JavaScript statements. Each record's emitter copies the expressions of its own kernel in the same
 * evaluation order, and `round` marks exactly the stores the kernel makes into its buffers (Math.fround for
 * float32, nothing for float64), so the numbers agree bit for bit.
 *
 * Local names, per layer l and unit j: z{l}_{j}, a{l}_{j} (this row's pre-activation and activation),
 * d{l}_{j} (δ), al{l}_{j} (PReLU slope), ga{l}_{j} (∂C/∂α sum), ex{l}_{j} (softmax's e^z); `t` is a scratch double
 * (one per loop body; an expression may assign it and read it back). compiled-step.ts owns the rest (x, w, b, gw, gb, e, g, o).
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

/** The unit indices 0…n−1. */
export const units = (n: number): number[] => Array.from({ length: n }, (_, j) => j);

/** A number literal that round-trips exactly, including −0. */
export const literal = (x: number): string => (Object.is(x, -0) ? '(-0)' : `(${String(x)})`);

/** An element-wise activation as source: expressions of one unit's locals. */
export interface PerUnitDefinition {
  /** a = f(z), as an expression of the local named `z` (rounded where the kernel stores). */
  forward(z: string, round: Round): string;
  /** dz = da·f′, as an expression of the locals named `da`, `z` and `a`. */
  backward(da: string, z: string, a: string, round: Round): string;
  readonly reads: { readonly z: boolean; readonly a: boolean };
}

/** The emitter of an element-wise activation: one forward and one backward line per unit. */
export function perUnit(definition: PerUnitDefinition): ActivationEmitter {
  const { forward, backward, reads } = definition;
  return {
    reads,
    forward: ({ layer: l, units: n, round }) => units(n).map((j) => `const a${l}_${j} = ${forward(`z${l}_${j}`, round)};`),
    backward: ({ layer: l, units: n, round }, da) => units(n).map((j) => `let d${l}_${j} = ${backward(da(j), `z${l}_${j}`, `a${l}_${j}`, round)};`),
  };
}
