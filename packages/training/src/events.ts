import type { Scaler } from '@clearprop/data';
import type { LossName, ModelSpec } from '@clearprop/nn';
import type { DataInfo } from './data-info.ts';
import type { OptimizerConfig } from './spec.ts';

/** Why a run ended. */
export type EndReason = 'completed' | 'stopped' | 'earlyStopped' | 'diverged';

/** A run's status as a UI shows it. */
export type RunStatus = 'running' | 'paused' | 'stopped' | 'done';

/** The settings a run was started with, as announced in runStart (typed: nothing to re-parse). */
export interface RunConfig {
  readonly loss: LossName;
  readonly optimizer: OptimizerConfig;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly dropRemainder: boolean;
  /** The feature scaler the data went through, to apply to new inputs. */
  readonly normalization?: Scaler;
  /** Task, column names and class labels of the training data. */
  readonly dataset: DataInfo;
}

/** Per-layer backprop statistics for one batch (the place where vanishing or exploding gradients show). */
export interface LayerStats {
  readonly layer: number;
  readonly activation: string;
  /** ‖δˡ‖ (Frobenius over the batch). */
  readonly deltaNorm: number;
  /** ‖∂C/∂Wˡ‖. */
  readonly gradNorm: number;
  readonly weightNorm: number;
  /** ‖ΔWˡ‖ / ‖Wˡ‖ for this step (healthy ≈ 1e-3). */
  readonly updateRatio: number;
  /** Fraction of units with z ≤ 0 on every row of the batch, for activations with a dead region (the ReLU family; 0 otherwise). */
  readonly deadFraction: number;
  /** Fraction of outputs in their activation's saturation range (sigmoid, tanh: within 1% of the bounds; 0 for activations without one). */
  readonly saturatedFraction: number;
}

/** Precision, recall, F1 and support of one class (one-vs-rest), and its ROC-AUC where defined. */
export interface ClassMetrics {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows of this class in the data. */
  readonly support: number;
  /** One-vs-rest ROC-AUC; absent when the data has no rows of the class, or only rows of it. */
  readonly auc?: number;
}

/**
 * Metrics of a split at the end of an epoch or a run. Classification: accuracy, macro and support-weighted
 * precision/recall/F1, macro ROC-AUC (binary: of p₁; more classes: one-vs-rest), log-loss and the per-class
 * numbers; regression: MSE and R². `loss` is the training objective's data term: a weighted mean under class or
 * sample weights, with `unweightedLoss` beside it. The weight `penalty` is reported next to the train loss.
 */
export interface Metrics {
  readonly loss: number;
  /** The plain mean loss, when `loss` is a weighted mean (class or sample weights). */
  readonly unweightedLoss?: number;
  /** The weight penalty Σ ½λ₂‖W‖² + λ₁‖W‖₁ (train: mean over the epoch's batches); the objective is loss + penalty. */
  readonly penalty?: number;
  readonly accuracy?: number;
  /** Macro average over the classes present in the data or the predictions (as scikit-learn). */
  readonly precision?: number;
  readonly recall?: number;
  readonly f1?: number;
  /** Support-weighted averages (scikit-learn's `average='weighted'`). */
  readonly precisionWeighted?: number;
  readonly recallWeighted?: number;
  readonly f1Weighted?: number;
  /** Macro ROC-AUC over the classes where it is defined; absent when it is defined for none. */
  readonly auc?: number;
  /** Mean −log p(true class), probabilities clipped to [1e-15, 1 − 1e-15]. */
  readonly logLoss?: number;
  readonly perClass?: readonly ClassMetrics[];
  readonly mse?: number;
  readonly r2?: number;
}

/** Points of one split drawn over a boundary map, in original feature units; `label` is the class index. */
export interface BoundaryPoints {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly label: readonly number[];
}

/** One hidden layer's units evaluated over the neuron grid of a boundary snapshot. */
export interface HiddenLayerMap {
  readonly layer: number;
  readonly activation: string;
  /** Units in the layer. */
  readonly units: number;
  /** Units included (the first `shown`; fewer than `units` only beyond the size budget). */
  readonly shown: number;
  /** Activations aˡ, row-major [shown, neuron rows, neuron columns]; each unit's rounded to 3 digits of its largest |value|. */
  readonly values: readonly number[];
}

/** One hidden layer's per-unit activation histograms over held-out rows (the neuron view of runs without a 2-D input). */
export interface UnitHistogramLayer {
  readonly layer: number;
  readonly activation: string;
  readonly units: number;
  /** Units included (the first `shown`). */
  readonly shown: number;
  /** The histogram range [low, high]: the activation's bounds when it has them (sigmoid, tanh), else the observed range. */
  readonly range: readonly [number, number];
  /** Counts, row-major [shown, bins]: rows whose activation falls in each of `bins` equal bins of `range`. */
  readonly counts: readonly number[];
  /** Unit indices that are 0 (z ≤ 0) on every row: dead (ReLU family only). */
  readonly dead: readonly number[];
  /** Unit indices within 1% of a bound on at least 90% of the rows: saturated (sigmoid, tanh). */
  readonly saturated: readonly number[];
}

/**
 * Everything a training run reports, as plain JSON-serialisable data (numbers and strings, no tensors).
 * Grammar: runStart (epochStart batchEnd+ layerStats* epochEnd snapshot*)* (control | checkpoint | …)* runEnd.
 *
 * Epoch numbers are 1-based everywhere: epoch 1 is the first. Events inside an epoch (epochStart, batchEnd,
 * layerStats) carry the epoch in progress; epochEnd and its snapshots carry the epoch just finished, which is also
 * the number of epochs completed. Events between batches (control, checkpoint, divergence, restoredBest) carry a
 * position: `epoch` (in progress, or the last finished one at an epoch boundary) and `batch`, the batches done
 * in it. `batch` in batchEnd counts the same way (1 … batchesPerEpoch).
 */
export type TrainingEvent =
  | {
      readonly type: 'runStart';
      readonly name: string;
      readonly seed: number;
      readonly architecture: string;
      readonly model: ModelSpec;
      readonly parameterCount: number;
      readonly task: 'regression' | 'classification';
      readonly epochs: number;
      readonly batchSize: number;
      readonly batchesPerEpoch: number;
      readonly trainSize: number;
      readonly validationSize: number;
      /** Epochs already completed (a resumed run), 0 for a fresh one. */
      readonly startEpoch: number;
      /** Where a resumed run continues, in the position convention (as its checkpoint event said); null for a fresh run. */
      readonly resumedAt: { readonly epoch: number; readonly batch: number } | null;
      readonly config: RunConfig;
    }
  | { readonly type: 'epochStart'; readonly epoch: number }
  | {
      readonly type: 'batchEnd';
      readonly epoch: number;
      readonly batch: number;
      readonly step: number;
      readonly loss: number;
      readonly learningRate: number;
      readonly samplesPerSecond: number;
    }
  | { readonly type: 'layerStats'; readonly epoch: number; readonly step: number; readonly layers: readonly LayerStats[] }
  | {
      readonly type: 'epochEnd';
      readonly epoch: number;
      readonly trainLoss: number;
      readonly train: Metrics;
      readonly validation?: Metrics;
      readonly learningRate: number;
      readonly elapsedMs: number;
      readonly epochMs: number;
    }
  | {
      readonly type: 'predictionSnapshot';
      readonly epoch: number;
      readonly x: readonly number[];
      readonly target: readonly number[];
      readonly prediction: readonly number[];
    }
  | {
      readonly type: 'confusionMatrix';
      readonly epoch: number;
      /** The data it was counted on: validation when the run has it, else train; test once, at the end. */
      readonly split: 'train' | 'validation' | 'test';
      readonly labels: readonly string[];
      /** Rows = true class, columns = predicted class. */
      readonly matrix: readonly (readonly number[])[];
    }
  | {
      /**
       * Classification on 2 input features: class probabilities on a grid over the data's range plus a margin, in
       * the original (unstandardized) feature units, the hidden units over a coarser subgrid of it, and the points.
       */
      readonly type: 'boundary';
      readonly epoch: number;
      /** The two input features: `x` runs along the first, `y` along the second. */
      readonly features: readonly [string, string];
      readonly labels: readonly string[];
      /** Grid column centres along the first feature, ascending [width]. */
      readonly x: readonly number[];
      /** Grid row centres along the second feature, ascending [height]. */
      readonly y: readonly number[];
      /** Row-major [height, width, classes]: probabilities[(i·width + j)·classes + k] is P(class k) at (x[j], y[i]), to 4 decimals. */
      readonly probabilities: readonly number[];
      /** The hidden units on the subgrid (hidden.x ⊂ x, hidden.y ⊂ y), one entry per hidden layer. */
      readonly hidden: { readonly x: readonly number[]; readonly y: readonly number[]; readonly layers: readonly HiddenLayerMap[] };
      /** Training and validation points (at most 500 and 250, evenly spaced over the rows). */
      readonly points: { readonly train: BoundaryPoints; readonly validation: BoundaryPoints };
    }
  | {
      /** Runs whose input is not 2-D classification: per-unit activation histograms of each hidden layer. */
      readonly type: 'unitActivations';
      readonly epoch: number;
      /** The rows they were counted on: validation when the run has it, else train (at most 128 rows). */
      readonly split: 'train' | 'validation';
      readonly rows: number;
      readonly bins: number;
      readonly layers: readonly UnitHistogramLayer[];
    }
  | {
      readonly type: 'control';
      readonly command: ControlCommand['type'];
      readonly epoch: number;
      readonly batch: number;
      readonly step: number;
      readonly state: RunStatus;
      readonly learningRate: number;
    }
  | { readonly type: 'checkpoint'; readonly epoch: number; readonly batch: number; readonly step: number; readonly path: string; readonly reason: string }
  | { readonly type: 'earlyStop'; readonly epoch: number; readonly monitor: string; readonly best: number; readonly bestEpoch: number }
  | { readonly type: 'restoredBest'; readonly epoch: number; readonly batch: number; readonly bestEpoch: number; readonly monitor: string; readonly best: number }
  | {
      /**
       * A batch whose loss was not finite (its update was not applied), or the batch that completed a blow-up (the
       * loss above TrainOptions.blowUp.factor × the first batch loss for `batches` in a row): `epoch`, `batch` and
       * `step` name that batch (1-based).
       */
      readonly type: 'divergence';
      readonly epoch: number;
      readonly batch: number;
      readonly step: number;
      readonly loss: number;
      readonly layer: number | null;
      readonly cause: 'unscaledInputs' | 'learningRateTooHigh' | 'saturation' | 'unknown';
      readonly message: string;
      readonly action: 'stopped' | 'rolledBack';
    }
  | {
      readonly type: 'runEnd';
      readonly reason: EndReason;
      /** Epochs completed. */
      readonly epochs: number;
      /** Batches done in an epoch left unfinished (a stop, an early stop or a divergence mid-epoch), else 0. */
      readonly batch: number;
      readonly steps: number;
      readonly bestEpoch: number | null;
      readonly final: { readonly train?: Metrics; readonly validation?: Metrics; readonly test?: Metrics };
      readonly elapsedMs: number;
    };

/** Commands a caller (a UI, an operator like earlyStopping) sends into a run; honoured at the next batch boundary. */
export type ControlCommand =
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'setLearningRate'; readonly lr: number }
  | { readonly type: 'checkpoint'; readonly path?: string }
  /**
   * Keep a copy of the current weights as the best so far (sent by earlyStopping when the monitor improves).
   * With `restoreAtEnd`, the run puts them back before runEnd however it ends — also when it completes normally
   * (the Keras #12511 trap).
   */
  | { readonly type: 'markBest'; readonly epoch: number; readonly monitor: string; readonly value: number; readonly restoreAtEnd: boolean }
  /** Stop because a monitor stopped improving (the run then ends with reason 'earlyStopped'); `epoch` is the one that decided. */
  | { readonly type: 'earlyStop'; readonly epoch: number; readonly monitor: string; readonly best: number; readonly bestEpoch: number };

/** The event types, for exhaustive switches and `ofType`. */
export type TrainingEventType = TrainingEvent['type'];

/** Compile-time exhaustiveness helper for switches over events or commands. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
