import { describe, expect, it } from '@jest/globals';
import { createRng, createWasmKernels, tsKernels, type DType, type FloatArray, type Rng } from '@clearprop/tensor';
import { ACTIVATION_NAMES, ACTIVATIONS } from '../activations/registry.ts';
import type { Loss } from '../losses/loss.ts';
import { LOSS_NAMES } from '../losses/registry.ts';
import { resolveLoss } from '../losses/resolve.ts';
import { polyDecay } from '../optim/schedules.ts';
import { sgd } from '../optim/aliases.ts';
import { applyUpdatesInPlace } from '../optim/apply-updates.ts';
import { treeClone } from '../tree.ts';
import { compileStep, MAX_COMPILED_WEIGHTS, stepSource } from './compiled-step.ts';
import { sequential, type Model } from './model.ts';
import type { ModelParams } from './params.ts';
import type { ActivationName, ActivationSpec } from './spec.ts';
import { backwardInto, createWorkspace, forwardInto, lossInto, type Workspace } from './workspace.ts';

const CAPACITY = 5;

/** Every buffer a step writes, as raw bytes, so equality is bit for bit (NaN payloads and −0 included). */
function written(ws: Workspace, model: Model, rows: number): Record<string, number[]> {
  const bytes = (a: FloatArray, n = a.length) => Array.from(new Uint8Array(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT));
  const out: Record<string, number[]> = { loss: bytes(ws.loss) };
  model.activations.forEach((_, l) => {
    const n = rows * model.widths[l + 1];
    out[`z${l}`] = bytes(ws.z[l], n);
    out[`a${l}`] = bytes(ws.a[l], n);
    out[`delta${l}`] = bytes(ws.delta[l], n);
    const g = ws.grads[l];
    out[`grads${l}`] = [...bytes(g.weight.data), ...bytes(g.bias.data), ...(g.alpha ? bytes(g.alpha.data) : [])];
  });
  return out;
}

const paramBytes = (params: ModelParams): number[][] =>
  params.flatMap((p) => [p.weight, p.bias, ...(p.alpha ? [p.alpha] : [])].map((t) => Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength))));

// Targets as the loss expects them: one-hot rows for a class-distribution output, values in [0, 1) (some exactly 0)
// for the other classification losses, real values otherwise.
function fillBatch(ws: Workspace, model: Model, loss: Loss, rng: Rng): void {
  for (let i = 0; i < ws.input.length; i++) ws.input[i] = i % 7 === 3 ? 0 : 2 * rng.normal(); // exact zeros exercise the δ = 0 skips
  const k = model.outputs;
  const oneHot = loss.task === 'classification' && model.activations[model.activations.length - 1].traits.classProbabilities === true;
  for (let r = 0; r < ws.capacity; r++) {
    const hot = Math.floor(rng.next() * k);
    for (let j = 0; j < k; j++) {
      const u = rng.next();
      ws.target[r * k + j] = oneHot ? (j === hot ? 1 : 0) : loss.task === 'classification' ? (u < 0.3 ? 0 : u) : 3 * u - 1;
    }
  }
}

/** Runs `steps` SGD steps (poly decay) through the generic kernels and optimizer and the compiled step side by side. */
function compareRuns(model: Model, loss: Loss, dtype: DType, seed: number, steps = 6, options: { readonly weighted?: boolean } = {}): void {
  const weighted = options.weighted ?? false;
  const rng = createRng(seed);
  const step = compileStep(model, loss, { capacity: CAPACITY, kernels: tsKernels, dtype, weighted });
  expect(step).toBeDefined();
  const reference: ModelParams = model.init(rng, { dtype });
  // Non-zero biases, and one weight exactly 0, so every term of the sums matters.
  reference.forEach((p) => p.bias.data.forEach((_, j, b) => (b[j] = 0.3 * rng.normal())));
  reference[0].weight.data[0] = 0;
  const compiled = treeClone(reference);
  const wsReference = createWorkspace(model, CAPACITY, dtype);
  const wsCompiled = createWorkspace(model, CAPACITY, dtype);
  const schedule = polyDecay(1.5, steps, 0.25);
  const optimizer = sgd(schedule);
  const stateReference = optimizer.init(reference);
  const stateCompiled = optimizer.init(compiled);
  const scale = new Float64Array(1);
  for (let s = 0; s < steps; s++) {
    const rows = s % 3 === 2 ? 3 : CAPACITY; // short batches too, as the last batch of an epoch
    fillBatch(wsReference, model, loss, rng);
    wsCompiled.input.set(wsReference.input);
    wsCompiled.target.set(wsReference.target);
    // Class × sample weights: some 0, some fractional, some large.
    if (weighted) for (let r = 0; r < CAPACITY; r++) wsReference.weights[r] = r === 1 ? 0 : 3 * rng.next();
    wsCompiled.weights.set(wsReference.weights);
    forwardInto(model, reference, wsReference, rows, tsKernels);
    lossInto(model, reference, loss, wsReference, rows, wsReference.target, weighted ? wsReference.weights : undefined);
    backwardInto(model, reference, wsReference, rows, tsKernels);
    optimizer.updateInPlace(wsReference.grads, stateReference, reference);
    applyUpdatesInPlace(reference, wsReference.grads);
    if (s % 2 === 0) {
      // Odd steps: gradients only, then the generic optimizer; even steps: the fused SGD update.
      expect(step?.(compiled, wsCompiled, rows)).toBe(false);
      optimizer.updateInPlace(wsCompiled.grads, stateCompiled, compiled);
      applyUpdatesInPlace(compiled, wsCompiled.grads);
    } else {
      scale[0] = -schedule(s);
      const applied = step?.(compiled, wsCompiled, rows, scale);
      expect(applied).toBe(Number.isFinite(wsReference.loss[0]));
      if (applied) {
        if (optimizer.descriptor) optimizer.descriptor.counter(stateCompiled)[0] += 1; // the step it took
      } else {
        // A diverged batch is left to the caller; apply it generically as the reference did, to keep comparing.
        optimizer.updateInPlace(wsCompiled.grads, stateCompiled, compiled);
        applyUpdatesInPlace(compiled, wsCompiled.grads);
      }
    }
    expect(written(wsCompiled, model, rows)).toEqual(written(wsReference, model, rows)); // ws.grads hold the updates now
    expect(paramBytes(compiled)).toEqual(paramBytes(reference));
  }
}

// Every registered activation that may sit in a hidden layer, with a non-default alpha where it takes one.
const hidden = ACTIVATION_NAMES.filter((name) => !ACTIVATIONS[name].traits.outputOnly);
const spec = (name: ActivationName): ActivationSpec => (ACTIVATIONS[name].traits.alpha ? { name, alpha: 0.3 } : name);
// The output a loss is meant for: the activation it applies itself, sigmoid probabilities for the other
// classification loss (binaryCrossEntropy), otherwise the hidden activation under test.
const output = (loss: Loss, name: ActivationName): ActivationName => loss.fromLogitsOf ?? (loss.task === 'classification' ? 'sigmoid' : name);

describe('compileStep gives the generic step’s numbers bit for bit', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const loss of LOSS_NAMES) {
      it(`${dtype}, ${loss}: every hidden activation, and each as the output where the loss allows`, () => {
        hidden.forEach((name, i) => {
          const model = sequential({ inputs: 3, layers: [{ units: 4, activation: spec(name) }, { units: 3, activation: spec(hidden[(i + 1) % hidden.length]) }, { units: 2, activation: spec(output(resolveLoss(loss), name)) }] });
          compareRuns(model, resolveLoss(loss), dtype, 100 + i);
        });
      });
    }
    it(`${dtype}: a softmax output under a loss that does not fuse it (Jacobian–vector backward)`, () => {
      const model = sequential({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }] });
      compareRuns(model, resolveLoss('halfSumSquared'), dtype, 7);
    });
    it(`${dtype}: per-row loss weights (class/sample weights), every loss`, () => {
      LOSS_NAMES.forEach((name, i) => {
        const loss = resolveLoss(name);
        const model = sequential({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: output(loss, 'identity') }] });
        compareRuns(model, loss, dtype, 300 + i, 6, { weighted: true });
      });
    });
    it(`${dtype}: the seed's 1-2-4-2-1 sigmoid net under ½Σ²`, () => {
      const model = sequential({ inputs: 1, layers: [2, 4, 2, 1].map((units) => ({ units, activation: 'sigmoid' as const, init: 'normal' as const })) });
      compareRuns(model, resolveLoss('halfSumSquared'), dtype, 2, 40);
    });
  }

  it('propagates non-finite values exactly as the generic kernels (an infinite weight)', () => {
    const model = sequential({ inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'identity' }] });
    const params = model.init(createRng(5));
    params[1].weight.data[1] = Infinity;
    const step = compileStep(model, resolveLoss('meanSquaredError'), { capacity: 2, kernels: tsKernels });
    const [a, b] = [createWorkspace(model, 2), createWorkspace(model, 2)];
    a.input.set([1, -2, 0.5, 3]);
    b.input.set(a.input);
    forwardInto(model, params, a, 2, tsKernels);
    lossInto(model, params, resolveLoss('meanSquaredError'), a, 2);
    backwardInto(model, params, a, 2, tsKernels);
    const before = treeClone(params);
    expect(step?.(params, b, 2, Float64Array.of(-0.1))).toBe(false); // a non-finite loss: no update
    expect(written(b, model, 2)).toEqual(written(a, model, 2));
    expect(paramBytes(params)).toEqual(paramBytes(before));
  });
});

describe('compileStep declines what it cannot reproduce or would not speed up', () => {
  const tiny = sequential({ inputs: 4, layers: [{ units: 4, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }] });
  const loss = resolveLoss('halfSumSquared');
  it('compiles when every product stays on the reference kernels of the set', () => {
    expect(compileStep(tiny, loss, { capacity: 5, kernels: createWasmKernels() })).toBeDefined();
  });
  it('declines when a product would reach the WASM GEMM (which sums in another order)', () => {
    expect(compileStep(tiny, loss, { capacity: 8, kernels: createWasmKernels() })).toBeUndefined();
    expect(compileStep(tiny, loss, { capacity: 5, kernels: { ...tsKernels, minWork: undefined } })).toBeUndefined();
  });
  it(`declines nets with more than ${MAX_COMPILED_WEIGHTS} weights`, () => {
    const wide = sequential({ inputs: 16, layers: [{ units: 16, activation: 'relu' }, { units: 1, activation: 'identity' }] });
    expect(compileStep(wide, loss, { capacity: 5, kernels: tsKernels })).toBeUndefined();
  });
  it('declines an activation it has no emitter for', () => {
    const custom: Model = { ...tiny, activations: [{ ...tiny.activations[0], emitter: undefined }, tiny.activations[1]] };
    expect(stepSource(custom, loss, { dtype: 'float32' })).toBeUndefined();
  });
  it('declines weight penalties and dropout, which stay on the generic path', () => {
    const layers = tiny.spec.layers;
    const penalized = sequential({ ...tiny.spec, layers: [{ ...layers[0], regularization: { l2: 1e-3 } }, layers[1]] });
    const l1Only = sequential({ ...tiny.spec, layers: [layers[0], { ...layers[1], regularization: { l1: 1e-3 } }] });
    const dropping = sequential({ ...tiny.spec, layers: [{ ...layers[0], dropout: 0.2 }, layers[1]] });
    for (const model of [penalized, l1Only, dropping]) expect(compileStep(model, loss, { capacity: 5, kernels: tsKernels })).toBeUndefined();
    const zero = sequential({ ...tiny.spec, layers: [{ ...layers[0], regularization: { l1: 0, l2: 0 }, dropout: 0 }, layers[1]] });
    expect(compileStep(zero, loss, { capacity: 5, kernels: tsKernels })).toBeDefined();
  });
});
