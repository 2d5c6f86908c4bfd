import type { Dataset } from '@clearprop/data';
import { createWorkspace, forwardInto, isFused, lossInto, type Loss, type Model, type ModelParams, type Workspace } from '@clearprop/nn';
import type { KernelSet } from '@clearprop/tensor';
import type { Metrics } from '../events.ts';

/** Metrics plus, for classification, the confusion matrix (rows = true class, columns = predicted). */
export interface Evaluation {
  readonly metrics: Metrics;
  readonly confusion?: number[][];
}

const CHUNK = 256;

/** Predicted class of one output row: argmax, or a threshold for a single output (0.5 on probabilities, 0 on logits). */
function predictedClass(out: ArrayLike<number>, offset: number, cols: number, logits: boolean): number {
  if (cols === 1) return out[offset] > (logits ? 0 : 0.5) ? 1 : 0;
  let best = 0;
  for (let j = 1; j < cols; j++) if (out[offset + j] > out[offset + best]) best = j;
  return best;
}

function trueClass(y: Float32Array, offset: number, cols: number): number {
  return predictedClass(y, offset, cols, false);
}

/**
 * Evaluates a model on a whole dataset in chunks: mean loss, and accuracy + confusion matrix for classification
 * or MSE + R² (1 − SS_res/SS_tot, pooled over target columns) for regression.
 */
export function evaluate(model: Model, params: ModelParams, loss: Loss, data: Dataset, kernels: KernelSet): Evaluation {
  return evaluateWith(createWorkspace(model, Math.min(CHUNK, Math.max(data.length, 1))), { model, params, loss, data, kernels });
}

/** A workspace for `evaluateWith`, allocated once per run so per-epoch validation reuses its buffers. */
export function evaluationWorkspace(model: Model): Workspace {
  return createWorkspace(model, CHUNK);
}

/** `evaluate` in chunks of up to `ws.capacity` rows through a caller-owned workspace (the training loop's). */
export function evaluateWith(
  ws: Workspace,
  run: { readonly model: Model; readonly params: ModelParams; readonly loss: Loss; readonly data: Dataset; readonly kernels: KernelSet },
): Evaluation {
  const { model, params, loss, data, kernels } = run;
  const cols = model.outputs;
  const classes = data.task === 'classification' ? Math.max(data.classes, cols === 1 ? 2 : cols) : 0;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  // A loss that applies its own activation reads its input as logits: zᴸ when fused, else the model's output.
  const logits = loss.fromLogitsOf !== undefined;
  const fused = isFused(model, loss);
  const last = model.activations.length - 1;
  let lossSum = 0;
  let squared = 0;
  const mean = new Float64Array(cols);
  for (let i = 0; i < data.length * cols; i++) mean[i % cols] += data.y[i] / data.length;
  let total = 0;
  for (let start = 0; start < data.length; start += ws.capacity) {
    const rows = Math.min(ws.capacity, data.length - start);
    const x = data.x.subarray(start * model.inputs, (start + rows) * model.inputs);
    const y = data.y.subarray(start * cols, (start + rows) * cols);
    const out = forwardInto(model, params, ws, rows, kernels, x);
    lossInto(model, params, loss, ws, rows, y);
    lossSum += ws.loss[0] * rows;
    const scores = fused ? ws.z[last] : out;
    for (let r = 0; r < rows; r++) {
      if (classes > 0) confusion[trueClass(y, r * cols, cols)][predictedClass(scores, r * cols, cols, logits)] += 1;
      for (let j = 0; j < cols; j++) {
        const d = out[r * cols + j] - y[r * cols + j];
        const t = y[r * cols + j] - mean[j];
        squared += d * d;
        total += t * t;
      }
    }
  }
  const n = Math.max(data.length, 1);
  if (classes > 0) {
    const correct = confusion.reduce((s, row, i) => s + row[i], 0);
    return { metrics: { loss: lossSum / n, accuracy: correct / n }, confusion };
  }
  return { metrics: { loss: lossSum / n, mse: squared / (n * cols), r2: total > 0 ? 1 - squared / total : 0 } };
}
