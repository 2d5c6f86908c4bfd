import type { Dataset } from '@clearprop/data';
import { createWorkspace, forwardInto, isFused, lossInto, type Loss, type Model, type ModelParams, type Workspace } from '@clearprop/nn';
import type { KernelSet } from '@clearprop/tensor';
import type { Metrics } from '../events.ts';
import { classificationMetrics, classificationReport } from './classification.ts';

/** Metrics plus, for classification, the confusion matrix (rows = true class, columns = predicted). */
export interface Evaluation {
  readonly metrics: Metrics;
  readonly confusion?: number[][];
}

/** Options of evaluate. */
export interface EvaluateOptions {
  /** A single-output (binary) classifier predicts class 1 when p₁ > threshold. @defaultValue 0.5 */
  readonly threshold?: number;
  /**
   * Classification: also the metrics that rank or score the probabilities (ROC-AUC, log-loss). Off, the evaluation
   * is the confusion matrix and what follows from it, which is all a confusion snapshot needs (AUC sorts every
   * class's scores: on digits' per-epoch snapshots that was half of the run). @defaultValue true
   */
  readonly scoreMetrics?: boolean;
}

const CHUNK = 256;

/**
 * Evaluates a model on a whole dataset in chunks. Always the mean loss (a weighted mean when the dataset has row
 * weights, with the unweighted mean beside it). Classification: accuracy, confusion matrix, precision/recall/F1
 * (macro, weighted, per class), ROC-AUC and log-loss; regression: MSE and R² (1 − SS_res/SS_tot, pooled over target
 * columns). Nothing is dropped (dropout is a training-only transformation).
 */
export function evaluate(model: Model, params: ModelParams, loss: Loss, data: Dataset, kernels: KernelSet, options: EvaluateOptions = {}): Evaluation {
  return evaluateWith(createWorkspace(model, Math.min(CHUNK, Math.max(data.length, 1))), { model, params, loss, data, kernels, ...options });
}

/** A workspace for `evaluateWith`, allocated once per run so per-epoch validation reuses its buffers. */
export function evaluationWorkspace(model: Model): Workspace {
  return createWorkspace(model, CHUNK);
}

/** What evaluateWith evaluates. */
export interface EvaluationRun extends EvaluateOptions {
  readonly model: Model;
  readonly params: ModelParams;
  readonly loss: Loss;
  readonly data: Dataset;
  readonly kernels: KernelSet;
}

/** `evaluate` in chunks of up to `ws.capacity` rows through a caller-owned workspace (the training loop's). */
export function evaluateWith(ws: Workspace, run: EvaluationRun): Evaluation {
  const { model, data } = run;
  const cols = model.outputs;
  const classification = data.task === 'classification';
  const sums = { loss: 0, weight: 0, unweighted: 0, squared: 0, total: 0 };
  const probabilities = new Float64Array(classification ? data.length * cols : 0);
  const mean = new Float64Array(classification ? 0 : cols);
  if (!classification) for (let i = 0; i < data.length * cols; i++) mean[i % cols] += data.y[i] / data.length;
  for (let start = 0; start < data.length; start += ws.capacity) {
    const rows = Math.min(ws.capacity, data.length - start);
    const y = data.y.subarray(start * cols, (start + rows) * cols);
    const out = forwardInto(model, run.params, ws, rows, run.kernels, data.x.subarray(start * model.inputs, (start + rows) * model.inputs));
    lossInto(model, run.params, run.loss, ws, rows, y, data.weights?.subarray(start, start + rows));
    sums.loss += ws.loss[0] * ws.loss[2];
    sums.weight += ws.loss[2];
    sums.unweighted += ws.loss[1] * rows;
    if (classification) {
      probabilitiesInto(probabilities.subarray(start * cols, (start + rows) * cols), readScores(ws, run, out), { rows, cols, logits: run.loss.fromLogitsOf !== undefined });
      continue;
    }
    for (let i = 0; i < rows * cols; i++) {
      const d = out[i] - y[i];
      const t = y[i] - mean[i % cols];
      sums.squared += d * d;
      sums.total += t * t;
    }
  }
  const n = Math.max(data.length, 1);
  const losses: Metrics = { loss: sums.weight > 0 ? sums.loss / sums.weight : 0, ...(data.weights ? { unweightedLoss: sums.unweighted / n } : {}) };
  if (classification) return classify(data, probabilities, { cols, threshold: run.threshold ?? 0.5, losses, scoreMetrics: run.scoreMetrics ?? true });
  return { metrics: { ...losses, mse: sums.squared / (n * cols), r2: sums.total > 0 ? 1 - sums.squared / sums.total : 0 } };
}

// A loss that applies its own activation reads its input as logits: zᴸ when fused, else the model's output.
function readScores(ws: Workspace, run: EvaluationRun, out: ArrayLike<number>): ArrayLike<number> {
  return isFused(run.model, run.loss) ? ws.z[run.model.activations.length - 1] : out;
}

/**
 * Class probabilities of a chunk: σ (one column) or softmax (rows) of logits; otherwise the outputs themselves
 * (a softmax or sigmoid output already is one).
 */
function probabilitiesInto(into: Float64Array, scores: ArrayLike<number>, layout: { readonly rows: number; readonly cols: number; readonly logits: boolean }): void {
  const { rows, cols, logits } = layout;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    if (!logits) {
      for (let j = 0; j < cols; j++) into[o + j] = scores[o + j];
    } else if (cols === 1) {
      const z = scores[o];
      into[o] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    } else {
      let max = -Infinity;
      for (let j = 0; j < cols; j++) max = Math.max(max, scores[o + j]);
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += into[o + j] = Math.exp(scores[o + j] - max);
      for (let j = 0; j < cols; j++) into[o + j] /= sum;
    }
  }
}

/** The class of each row (argmax, or p₁ > threshold for one column), the confusion matrix and every metric. */
function classify(data: Dataset, probabilities: Float64Array, options: { readonly cols: number; readonly threshold: number; readonly losses: Metrics; readonly scoreMetrics: boolean }): Evaluation {
  const { cols, threshold } = options;
  const classes = Math.max(data.classes, cols === 1 ? 2 : cols);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const trueClass = new Int32Array(data.length);
  for (let r = 0; r < data.length; r++) {
    trueClass[r] = argmaxOrThreshold(data.y, r * cols, { cols, threshold: 0.5 });
    confusion[trueClass[r]][argmaxOrThreshold(probabilities, r * cols, { cols, threshold })] += 1;
  }
  const labels = data.classLabels.length === classes ? data.classLabels : confusion.map((_, i) => String(i));
  const metrics = options.scoreMetrics ? classificationMetrics({ confusion, labels, probabilities, columns: cols, trueClass }) : classificationReport(confusion, labels);
  return { metrics: { ...options.losses, ...metrics }, confusion };
}

function argmaxOrThreshold(values: ArrayLike<number>, offset: number, rule: { readonly cols: number; readonly threshold: number }): number {
  if (rule.cols === 1) return values[offset] > rule.threshold ? 1 : 0;
  let best = 0;
  for (let j = 1; j < rule.cols; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}
