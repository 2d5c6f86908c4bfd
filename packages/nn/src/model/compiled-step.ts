import { FLOAT32_EXP_TABLES, float32Exp, float32ExpSource, type DType, type KernelSet } from '@clearprop/tensor';
import type { Loss } from '../losses/loss.ts';
import type { ActivationEmitter, Round } from '../activations/emitter.ts';
import type { Model } from './model.ts';
import type { ModelParams } from './params.ts';
import { isFused, type Workspace } from './workspace.ts';

/**
 * forwardInto + lossInto + backwardInto for one model, specialised to its widths: the same buffers written with
 * the same numbers, bit for bit. Shapes: the first `rows` rows of ws.input [rows, inputs] and ws.target.
 * Given `scale` (scale[0] = −lr), it then applies plain SGD if the batch loss is finite, exactly as
 * scaleByLearningRate then applyUpdatesInPlace would (ws.grads end up holding the updates u = scale·g, params
 * p + u), and returns true; otherwise it leaves the params alone and returns false.
 */
export type CompiledStep = (params: ModelParams, ws: Workspace, rows: number, scale?: Float64Array) => boolean;

/** Options for {@link compileStep}. */
export interface CompileStepOptions {
  /** The largest batch the step will see (the workspace capacity). */
  readonly capacity: number;
  /** The kernel set the generic path would use; its `minWork` says which products it leaves to the TS kernels. */
  readonly kernels: KernelSet;
  /** @defaultValue 'float32' */
  readonly dtype?: DType;
  /** The loss takes per-row weights from ws.weights (class/sample weights), as lossInto given them. @defaultValue false */
  readonly weighted?: boolean;
}

/**
 * Above this many weights (Σ inˡ·outˡ) the unrolled source grows past what pays: the loops of the generic
 * kernels cost little next to the arithmetic of a layer that wide, and the JIT gives up on huge functions.
 */
export const MAX_COMPILED_WEIGHTS = 256;

/**
 * Generates (tinygrad-style) a training step for a tiny net: loops over the rows unrolled over the units, with the
 * parameters and the BP3/BP4 sums in locals, and optionally the SGD update; the loss is called as is. On W1's
 * 1-2-4-2-1 net this replaces the ~25 kernel calls and tree walks per batch whose overhead dominated the step.
 *
 * Returns undefined (use the generic path) when the net is too big, an activation has no emitter, a product
 * would leave the reference TS kernels (so the numbers could differ), the runtime forbids `new Function`, or the
 * model has weight penalties or dropout: those stay on the generic path (penaltyValue, addPenaltyGradient and
 * dropoutKernel), which costs them a few µs per step on a tiny net and keeps one implementation of each.
 */
export function compileStep(model: Model, loss: Loss, options: CompileStepOptions): CompiledStep | undefined {
  const { widths } = model;
  if (model.penalized || model.dropsUnits) return undefined;
  let weights = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    weights += widths[l] * widths[l + 1];
    // The generic path runs a product on the fused TS kernels only below minWork; at or above it the set may
    // sum in another order (WASM panels), so only nets whose every product stays below compile.
    if (options.capacity * widths[l] * widths[l + 1] >= (options.kernels.minWork ?? 0)) return undefined;
  }
  if (weights > MAX_COMPILED_WEIGHTS) return undefined;
  const dtype = options.dtype ?? 'float32';
  const weighted = options.weighted ?? false;
  // Everything the source depends on (stepSource reads nothing else), so the key stands for the source text.
  const key = `${widths.join('-')} ${model.activations.map((a) => `${a.name}:${a.alpha}`).join('/')} ${loss.name}:${loss.fromLogitsOf} ${dtype} ${weighted}`;
  const cached = steps.get(key);
  if (cached !== undefined && cached.loss === loss) return cached.step;
  const emitted = stepSource(model, loss, { dtype, weighted });
  if (emitted === undefined) return undefined;
  const source = dtype === 'float32' ? inlineExp(emitted) : emitted;
  let step: CompiledStep;
  try {
    // The point of this module: code for these widths. `exp` is the one the generic kernels pick for the dtype.
    step = (new Function('loss', 'fr', 'exp', 'EXP_FRACTIONS', 'EXP_POWERS', source) as StepFactory)(
      loss, Math.fround, dtype === 'float32' ? float32Exp : Math.exp, FLOAT32_EXP_TABLES.fractions, FLOAT32_EXP_TABLES.powers);
  } catch {
    return undefined; // e.g. a CSP without 'unsafe-eval'
  }
  if (steps.size >= MAX_CACHED_STEPS) steps.clear();
  steps.set(key, { loss, step });
  return step;
}

type StepFactory = (loss: Loss, fr: (x: number) => number, exp: (x: number) => number, fractions: Float64Array, powers: Float64Array) => CompiledStep;

const STEP_HEADER = 'return function compiledStep(params, ws, rows, scale) {';

/**
 * Writes each `exp(argument)` of float32 source out as float32Exp's expression (float32ExpSource: same operations,
 * same numbers). V8 inlines float32Exp into a function this size at only a few of its tens of exp sites, and the
 * calls cost W1's step a sixth of its time. An argument with parentheses, which the emitters do not write today,
 * would keep its call, which computes the same.
 */
function inlineExp(source: string): string {
  const names = { fractions: 'EXP_FRACTIONS', powers: 'EXP_POWERS', scaled: 'es', rounded: 'ek' };
  const body = source.replace(/(?<![.\w])exp\(([^()]*)\)/g, (_, argument: string) => float32ExpSource(argument, names));
  return body.replace(STEP_HEADER, `${STEP_HEADER}\nlet es = 0, ek = 0;`);
}

// A pure memo: a compiled step is a stateless function of its arguments, fixed by the key and the loss it calls,
// so runs of the same net share it, and with it V8's type feedback and optimized code. Without it every run (each
// subscription to train()) would start its step over in the interpreter: ~15 ms of warm-up on a 35 ms W1 run.
const steps = new Map<string, { readonly loss: Loss; readonly step: CompiledStep }>();
const MAX_CACHED_STEPS = 64;

const range = (n: number): number[] => Array.from({ length: n }, (_, j) => j);

/** What the source builders share: the net's shape and emitters, and line helpers over its units. */
interface Net {
  readonly widths: readonly number[];
  readonly last: number;
  readonly layers: readonly number[];
  readonly fused: boolean;
  readonly round: Round;
  readonly emit: (l: number) => ActivationEmitter;
  readonly learnsAlpha: (l: number) => boolean;
  /** One line per unit j of layer l (its outputs). */
  readonly units: (l: number, line: (j: number) => string) => string[];
  /** One line per input i of layer l. */
  readonly inputs: (l: number, line: (i: number) => string) => string[];
}

/** The body of `(loss, fr, exp, EXP_FRACTIONS, EXP_POWERS) => step`, or undefined when an activation has no emitter. */
export function stepSource(model: Model, loss: Loss, options: { readonly dtype: DType; readonly weighted?: boolean }): string | undefined {
  const { dtype, weighted = false } = options;
  const emitters = model.activations.map((a) => a.emitter);
  if (emitters.some((e) => e === undefined)) return undefined;
  const { widths } = model;
  const net: Net = {
    widths,
    last: widths.length - 2,
    layers: range(widths.length - 1),
    fused: isFused(model, loss),
    round: dtype === 'float32' ? (x) => `fr(${x})` : (x) => `(${x})`,
    emit: (l) => emitters[l] as ActivationEmitter,
    learnsAlpha: (l) => model.activations[l].learnsAlpha,
    units: (l, line) => range(widths[l + 1]).map(line),
    inputs: (l, line) => range(widths[l]).map(line),
  };
  const title = `// ${widths.join('-')} ${model.activations.map((a) => a.name).join('/')}, loss ${loss.name}, ${dtype}`;
  // The loss runs as is on the buffers (fused losses read zᴸ), writing ∇ₐC or δᴸ into Dᴸ and the value.
  const lossCall = `loss.compute(${net.fused ? 'Z' : 'A'}${net.last}, T, D${net.last}, rows, ${widths[net.last + 1]}, ws.loss${weighted ? ', ws.weights' : ''});`;
  return ['"use strict";', title, STEP_HEADER, ...head(net), ...forward(net), lossCall, ...backward(net), ...tail(net), '};'].join('\n');
}

const loadInputs = (net: Net): string[] => net.inputs(0, (i) => `const x${i} = X[r * ${net.widths[0]} + ${i}];`);

function head(net: Net): string[] {
  const { units, inputs, widths } = net;
  return [
    'const X = ws.input, T = ws.target;',
    ...net.layers.flatMap((l) => [
      `const W${l} = params[${l}].weight.data, B${l} = params[${l}].bias.data, Z${l} = ws.z[${l}], A${l} = ws.a[${l}], D${l} = ws.delta[${l}];`,
      // Weights are read once per batch into locals; the rows loops never touch the parameter buffers.
      ...units(l, (o) => `const ${inputs(l, (i) => `w${l}_${o}_${i} = W${l}[${o * widths[l] + i}]`).join(', ')}, b${l}_${o} = B${l}[${o}];`),
      ...(net.learnsAlpha(l) ? [`const AL${l} = params[${l}].alpha.data;`, ...units(l, (j) => `const al${l}_${j} = AL${l}[${j}]; let ga${l}_${j} = 0;`)] : []),
    ]),
  ];
}

// Forward: z = a·Wᵀ summed in double and stored, then + b stored (matmulTransBAddRowKernel), then σ. One loop over
// the rows per layer, not one for the whole net: fewer values are live across each loop, and Math.exp clobbers
// every float register, so the spills of a single loop cost more than re-reading aˡ⁻¹ (W1: 0.87 → 0.68 µs a step).
function forward(net: Net): string[] {
  const { units, inputs, widths, round } = net;
  return net.layers.flatMap((l) => {
    const previous = (i: number) => (l === 0 ? `x${i}` : `a${l - 1}_${i}`);
    return [
      'for (let r = 0; r < rows; r++) {',
      'let t = 0;',
      ...(l === 0 ? loadInputs(net) : inputs(l, (i) => `const a${l - 1}_${i} = A${l - 1}[r * ${widths[l]} + ${i}];`)),
      `const o${l} = r * ${widths[l + 1]};`,
      ...units(l, (o) => `let z${l}_${o} = ${round(`0${inputs(l, (i) => ` + ${previous(i)} * w${l}_${o}_${i}`).join('')}`)};`),
      ...units(l, (o) => `z${l}_${o} = ${round(`z${l}_${o} + b${l}_${o}`)}; Z${l}[o${l} + ${o}] = z${l}_${o};`),
      ...net.emit(l).forward({ layer: l, units: widths[l + 1], round }),
      ...units(l, (j) => `A${l}[o${l} + ${j}] = a${l}_${j};`),
      '}',
    ];
  });
}

const loadRow = (net: Net, l: number, reads: { readonly z: boolean; readonly a: boolean }): string[] => [
  `const o${l} = r * ${net.widths[l + 1]};`,
  ...net.units(l, (j) => [reads.z ? `const z${l}_${j} = Z${l}[o${l} + ${j}];` : '', reads.a ? `const a${l}_${j} = A${l}[o${l} + ${j}];` : ''].join(' ')),
];

// Backward, one loop over the rows per layer as the forward: BP1 (unless the loss fused it), then per layer
// BP3 + BP4 summed in locals over the rows in order (matmulTransASumKernel) and BP2 as δ·W with the kernel's skip
// of a zero δ (matmulKernel), ⊙ σ′.
function backward(net: Net): string[] {
  const { units, inputs, widths, round, last } = net;
  const lines: string[] = [];
  if (!net.fused) {
    lines.push('for (let r = 0; r < rows; r++) {', 'let t = 0;', ...loadRow(net, last, net.emit(last).reads), ...units(last, (j) => `const g${j} = D${last}[o${last} + ${j}];`));
    lines.push(...net.emit(last).backward({ layer: last, units: widths[last + 1], round }, (j) => `g${j}`), ...units(last, (j) => `D${last}[o${last} + ${j}] = d${last}_${j};`), '}');
  }
  for (let l = last; l >= 0; l--) {
    const below = l - 1;
    const previous = (i: number) => (l === 0 ? `x${i}` : `a${below}_${i}`);
    lines.push(...units(l, (o) => `let gb${l}_${o} = 0, ${inputs(l, (i) => `gw${l}_${o}_${i} = 0`).join(', ')};`));
    lines.push('for (let r = 0; r < rows; r++) {', 'let t = 0;', ...units(l, (o) => `const d${l}_${o} = D${l}[r * ${widths[l + 1]} + ${o}];`));
    lines.push(...(below >= 0 ? loadRow(net, below, { z: net.emit(below).reads.z, a: true }) : loadInputs(net)));
    lines.push(...units(l, (o) => `gb${l}_${o} = ${round(`gb${l}_${o} + d${l}_${o}`)}; if (d${l}_${o} !== 0) { ${inputs(l, (i) => `gw${l}_${o}_${i} = ${round(`gw${l}_${o}_${i} + d${l}_${o} * ${previous(i)}`)};`).join(' ')} }`));
    if (below >= 0) {
      lines.push(`let ${inputs(l, (i) => `e${l}_${i} = 0`).join(', ')};`);
      lines.push(...units(l, (o) => `if (d${l}_${o} !== 0) { ${inputs(l, (i) => `e${l}_${i} = ${round(`e${l}_${i} + d${l}_${o} * w${l}_${o}_${i}`)};`).join(' ')} }`));
      lines.push(...net.emit(below).backward({ layer: below, units: widths[l], round }, (i) => `e${l}_${i}`), ...units(below, (j) => `D${below}[o${below} + ${j}] = d${below}_${j};`));
    }
    lines.push('}');
  }
  return lines;
}

// The gradients go to ws.grads after all the loops (stored earlier, per layer, measured slower). With `scale` and a
// finite loss, plain SGD is applied on the way from the sums and weights still in locals: scaleByLearningRate's
// u = scale·g stored as the update, then applyUpdates' p + u.
function tail(net: Net): string[] {
  type Entry = readonly [buffer: string, index: number, value: string, grad: string, grads: string];
  const { widths, round } = net;
  const entries = net.layers.flatMap((l): Entry[] => [
    ...range(widths[l + 1]).flatMap((o) => range(widths[l]).map((i): Entry => [`W${l}`, o * widths[l] + i, `w${l}_${o}_${i}`, `gw${l}_${o}_${i}`, `GW${l}`])),
    ...range(widths[l + 1]).map((o): Entry => [`B${l}`, o, `b${l}_${o}`, `gb${l}_${o}`, `GB${l}`]),
    ...(net.learnsAlpha(l) ? range(widths[l + 1]).map((j): Entry => [`AL${l}`, j, `al${l}_${j}`, `ga${l}_${j}`, `GA${l}`]) : []),
  ]);
  return [
    ...net.layers.map((l) => `const GW${l} = ws.grads[${l}].weight.data, GB${l} = ws.grads[${l}].bias.data${net.learnsAlpha(l) ? `, GA${l} = ws.grads[${l}].alpha.data` : ''};`),
    'if (scale !== undefined && Number.isFinite(ws.loss[0])) {',
    'const s = scale[0]; let u = 0;',
    ...entries.map(([buffer, i, value, grad, grads]) => `u = ${round(`${grad} * s`)}; ${grads}[${i}] = u; ${buffer}[${i}] = ${round(`${value} + u`)};`),
    'return true;',
    '}',
    ...entries.map(([, i, , grad, grads]) => `${grads}[${i}] = ${grad};`),
    'return false;',
  ];
}
