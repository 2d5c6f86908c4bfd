import type { Model, ModelParams } from '@clearprop/nn';
import { FLOAT32_EXP_TABLES, float32ExpSource } from '@clearprop/tensor';
import type { InputScaling } from './input-scaling.ts';

/*
 * Source pieces of the generated predict module (predict-module.ts assembles them). The forward pass repeats
 * nn.predict with the reference TS kernels: z = a·Wᵀ summed in float64 from 0 in input order and stored (rounded to
 * float32), + b stored, then the activation exactly as its record's emitter writes it for the compiled training step,
 * with `fr` (Math.fround) at every store into a Float32Array of the library. Layer l's row values live in the
 * locals z{l}_{j} / a{l}_{j} the emitters read and write; X holds the (scaled) input row.
 */

const round = (expression: string): string => `fr(${expression})`;

const range = (n: number): number[] => Array.from({ length: n }, (_, j) => j);

/** Float32 values as base64 of their little-endian bytes (btoa: present in browsers, Node ≥ 16, Deno, Bun). */
export function base64Floats(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(4 * values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  let binary = '';
  // Chunks keep String.fromCharCode's argument count far below engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const literals = (values: Float64Array): string => Array.from(values, (v) => String(v)).join(', ');

/** The helpers every module starts with: `fr`, the library's float32 `exp` (the emitters call it) and the base64 decoder. */
export const PRELUDE = [
  'const fr = Math.fround;',
  '',
  // The tables as exact literals (String of a double round-trips), so every engine gets the library's numbers.
  `const EXP_FRACTIONS = Float64Array.of(${literals(FLOAT32_EXP_TABLES.fractions)});`,
  `const EXP_POWERS = Float64Array.of(${literals(FLOAT32_EXP_TABLES.powers)});`,
  '/** e^x as clearprop computes it on float32 buffers (float32Exp: float32 accuracy). @param {number} x @returns {number} */',
  'function exp(x) {',
  '  let es = 0, ek = 0;',
  `  return ${float32ExpSource('x', { fractions: 'EXP_FRACTIONS', powers: 'EXP_POWERS', scaled: 'es', rounded: 'ek' })};`,
  '}',
  '',
  '/** Little-endian float32 values from base64. @param {string} base64 @returns {Float32Array} */',
  'function floats(base64) {',
  '  const text = atob(base64);',
  '  const view = new DataView(new ArrayBuffer(text.length));',
  '  for (let i = 0; i < text.length; i++) view.setUint8(i, text.charCodeAt(i));',
  '  const out = new Float32Array(text.length / 4);',
  '  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);',
  '  return out;',
  '}',
];

/** `const W0 = floats("…"), B0 = …` for every layer's weight, bias and learned slopes. */
export function parameterLines(params: ModelParams): string[] {
  return params.map((p, l) => {
    const tensors = [`W${l} = floats("${base64Floats(p.weight.data)}")`, `B${l} = floats("${base64Floats(p.bias.data)}")`];
    if (p.alpha) tensors.push(`AL${l} = floats("${base64Floats(p.alpha.data)}")`);
    return `const ${tensors.join(', ')};`;
  });
}

/** Scratch rows, one per layer input, and the normalization's float64 offset and scale (exact literals). */
export function scratchLines(model: Model, scaling: InputScaling | undefined): string[] {
  return [
    // One set per module: the module is synchronous, so calls never overlap.
    `const X = new Float64Array(${model.inputs});`,
    ...model.widths.slice(1, -1).map((n, l) => `const H${l + 1} = new Float64Array(${n});`),
    ...(scaling ? [`const OFFSET = ${JSON.stringify(scaling.offset)}, SCALE = ${JSON.stringify(scaling.scale)};`] : []),
  ];
}

/** `function forward(row)`: the scaled row through every layer; returns the output row as a fresh number[]. */
export function forwardFunction(model: Model, scaling: InputScaling | undefined): string[] {
  const last = model.widths.length - 2;
  // As the CLI reads a CSV: the value stored as float32, then scaled in float64 and stored again.
  const input = scaling ? 'fr((fr(row[i]) - OFFSET[i]) / SCALE[i])' : 'fr(row[i])';
  const layers = model.activations.flatMap((activation, l) => layerLines(model, l, l === last ? undefined : `H${l + 1}`));
  return [
    '/** The output row for one input row (already checked). @param {ArrayLike<number>} row @returns {number[]} */',
    'function forward(row) {',
    '  let t = 0;',
    `  for (let i = 0; i < ${model.inputs}; i++) X[i] = ${input};`,
    ...layers.map((line) => `  ${line}`),
    `  return [${range(model.outputs).map((j) => `a${last}_${j}`).join(', ')}];`,
    '}',
  ];
}

/** Layer l: the product and bias into z locals, the activation's emitted lines, the result into `into` (if any). */
function layerLines(model: Model, l: number, into: string | undefined): string[] {
  const [inFeatures, units] = [model.widths[l], model.widths[l + 1]];
  const activation = model.activations[l];
  const emitter = activation.emitter;
  if (emitter === undefined) throw new RangeError(`layers.${l}: activation "${activation.name}" has no code emitter`);
  const previous = l === 0 ? 'X' : `H${l}`;
  return [
    `// layer ${l}: ${inFeatures} → ${units}, ${activation.name}`,
    ...range(units).map((o) => `let z${l}_${o} = 0; for (let i = 0; i < ${inFeatures}; i++) z${l}_${o} += ${previous}[i] * W${l}[${o * inFeatures} + i];`),
    ...range(units).map((o) => `z${l}_${o} = ${round(`${round(`z${l}_${o}`)} + B${l}[${o}]`)};`),
    ...(activation.learnsAlpha ? range(units).map((j) => `const al${l}_${j} = AL${l}[${j}];`) : []),
    ...emitter.forward({ layer: l, units, round }),
    ...(into === undefined ? [] : range(units).map((j) => `${into}[${j}] = a${l}_${j};`)),
  ];
}
