#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Gradient-check report: central differences in float64 against the analytic backward (BP1–BP4), one row per
// parameter tensor, for every activation × loss pairing on a random 3-layer net (or one preset's architecture).
// Usage: ./tools/gradcheck.ts [--preset <name>] [--tolerance 1e-6]     exits 1 if any tensor exceeds the tolerance
import { buildExperiment, presetConfig } from '@clearprop/training';
import { ACTIVATION_NAMES, ACTIVATIONS, resolveLoss, sequential, type ActivationSpec, type LossName, type ModelSpec } from '@clearprop/nn';
import { checkModelGradients } from '@clearprop/nn/testing';
import { createRng, fromData } from '@clearprop/tensor';
import { randomTensor } from '@clearprop/tensor/testing';
import { PRESET_NAMES } from '@clearprop/training/presets';
import { toolArgs, UsageError } from './tool-args.ts';

const { preset, tolerance } = toolArgs({
  name: 'gradcheck',
  usage: 'usage: ./tools/gradcheck.ts [--preset <name>] [--tolerance <x>] [-h | --help]',
  help: `Compares the analytic gradients (BP1–BP4) with float64 central differences, one row per parameter tensor.
Without --preset: every hidden activation × output/loss pairing on a random 3-5-4-3 net.
  --preset <name>    one preset's architecture and data instead (${PRESET_NAMES.join(', ')})
  --tolerance <x>    largest acceptable max relative error per tensor (default 1e-6)
Exits 1 if any tensor exceeds the tolerance.`,
  options: { preset: { type: 'string' }, tolerance: { type: 'string' } },
}, ({ values }) => {
  const tolerance = Number(values.tolerance ?? 1e-6);
  if (!(tolerance >= 0)) throw new UsageError(`--tolerance expects a number ≥ 0, got "${values.tolerance}"`);
  if (values.preset !== undefined && !PRESET_NAMES.includes(values.preset)) throw new UsageError(`--preset: unknown preset "${values.preset}"; one of ${PRESET_NAMES.join(', ')}`);
  return { preset: values.preset, tolerance };
});

interface Case { readonly label: string; readonly spec: ModelSpec; readonly loss: LossName; readonly x: Float64Array; readonly y: Float64Array; readonly rows: number }

function randomCases(): Case[] {
  // Every registered activation that may be hidden (alpha 0.5, the seed's leaky slope, where it takes one), so a
  // new one is reported unasked.
  const hidden = ACTIVATION_NAMES.filter((n) => !ACTIVATIONS[n].traits.outputOnly).map((n): ActivationSpec => (ACTIVATIONS[n].traits.alpha ? { name: n, alpha: 0.5 } : n));
  const heads: [LossName, ActivationSpec][] = [['halfSumSquared', 'identity'], ['meanSquaredError', 'tanh'], ['binaryCrossEntropy', 'sigmoid'], ['binaryCrossEntropyFromLogits', 'sigmoid'], ['softmaxCrossEntropy', 'softmax']];
  const rng = createRng(2024);
  return hidden.flatMap((h) =>
    heads.map(([loss, out]) => {
      const rows = 6;
      const name = (a: ActivationSpec) => (typeof a === 'string' ? a : a.name);
      const oneHot = ACTIVATIONS[name(out)].traits.classProbabilities === true;
      const y = Float64Array.from({ length: rows * 3 }, (_, i) => (oneHot ? (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0) : 0.1 + 0.8 * rng.next()));
      return { label: `${name(h)} → ${name(out)} / ${loss}`, spec: { inputs: 3, layers: [{ units: 5, activation: h }, { units: 4, activation: h }, { units: 3, activation: out }] }, loss, x: randomTensor(rng, [rows, 3], { dtype: 'float64' }).data as Float64Array, y, rows };
    }),
  );
}

function presetCase(name: string): Case {
  const { spec } = buildExperiment(presetConfig(name));
  const rows = Math.min(8, spec.train.length);
  return { label: `${name} (${sequential(spec.model).describe()}) / ${spec.loss}`, spec: spec.model, loss: spec.loss, x: Float64Array.from(spec.train.x.subarray(0, rows * spec.train.features)), y: Float64Array.from(spec.train.y.subarray(0, rows * spec.train.targets)), rows };
}

let worst = 0;
const cases = preset ? [presetCase(preset)] : randomCases();
console.log(`${'case'.padEnd(44)} ${'tensor'.padEnd(16)} ${'size'.padStart(5)}  max rel. error`);
for (const c of cases) {
  const model = sequential(c.spec);
  const init = createRng(7);
  const params = model.init(init, { dtype: 'float64' });
  // Zero biases put z exactly on ReLU's kink whenever a row's inputs to a layer are all 0; jitter them off it.
  for (const p of params) for (let i = 0; i < p.bias.data.length; i++) p.bias.data[i] += 0.1 * init.normal();
  const x = fromData(c.x, [c.rows, model.inputs]);
  const y = fromData(c.y, [c.rows, model.outputs]);
  for (const row of checkModelGradients(model, params, resolveLoss(c.loss), x, y)) {
    worst = Math.max(worst, row.maxRelativeError);
    const flag = row.maxRelativeError <= tolerance ? '' : '  ✗';
    console.log(`${c.label.padEnd(44)} ${`layers.${row.layer}.${row.tensor}`.padEnd(16)} ${String(row.size).padStart(5)}  ${row.maxRelativeError.toExponential(2)}${flag}`);
  }
}
console.log(`\nworst relative error ${worst.toExponential(2)} (tolerance ${tolerance}): ${worst <= tolerance ? 'ok' : 'FAILED'}`);
process.exit(worst <= tolerance ? 0 : 1);
