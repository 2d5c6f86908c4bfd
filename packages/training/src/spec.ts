import type { Dataset, Scaler } from '@clearprop/data';
import type { KernelSet } from '@clearprop/tensor';
import type { LossName, ModelSpec } from '@clearprop/nn';
import type { ModelLimits } from './run/limits.ts';

/** A learning-rate schedule as configuration (JSON). `poly` is the seed's lr·(1 − t/T)^power. */
export type ScheduleConfig =
  | { readonly name: 'constant' }
  | { readonly name: 'poly'; readonly power?: number; readonly totalSteps?: number }
  | { readonly name: 'step'; readonly stepSize: number; readonly gamma?: number }
  | { readonly name: 'exponential'; readonly decayRate: number; readonly decaySteps: number }
  | { readonly name: 'cosine'; readonly alpha?: number; readonly totalSteps?: number };

/** An optimizer as configuration (JSON). */
export interface OptimizerConfig {
  readonly name: 'sgd' | 'adam' | 'adamw';
  readonly lr: number;
  /** SGD momentum μ. @defaultValue 0 */
  readonly momentum?: number;
  /** @defaultValue false */
  readonly nesterov?: boolean;
  readonly b1?: number;
  readonly b2?: number;
  readonly eps?: number;
  /** AdamW decoupled weight decay. @defaultValue 1e-4 */
  readonly weightDecay?: number;
  /** Clip gradients to this global norm first. */
  readonly clipNorm?: number;
  readonly schedule?: ScheduleConfig;
  /** Linear warm-up steps before the schedule. @defaultValue 0 */
  readonly warmupSteps?: number;
}

/** What to train: everything is plain data except the datasets and the optional kernel backend. */
export interface TrainSpec {
  /** Shown in events and UIs. @defaultValue 'run' */
  readonly name?: string;
  readonly model: ModelSpec;
  readonly loss: LossName;
  readonly optimizer: OptimizerConfig;
  readonly train: Dataset;
  readonly validation?: Dataset;
  /** Evaluated once at the end (final metrics in runEnd). */
  readonly test?: Dataset;
  readonly epochs: number;
  /** A batch size ≥ the number of rows means full batch. */
  readonly batchSize: number;
  readonly seed: number;
  /** Shuffle the training rows each epoch. @defaultValue true */
  readonly shuffle?: boolean;
  /** Drop the last partial batch. @defaultValue false */
  readonly dropRemainder?: boolean;
  /** The feature scaler the datasets already went through: announced in runStart.config and saved with the model. */
  readonly normalization?: Scaler;
  /** Size limits checked before anything is allocated. @defaultValue 100 000 units per layer, 10 M parameters */
  readonly limits?: ModelLimits;
  /** A single-output (binary) classifier predicts class 1 when p₁ > threshold, in (0, 1). @defaultValue 0.5 */
  readonly threshold?: number;
}

/** How the loop is observed and run; none of it changes the numbers. */
export interface TrainOptions {
  /** Kernel backend for the matrix products. @defaultValue the fastest available (WASM SIMD, else TS) */
  readonly kernels?: KernelSet;
  /** Give the event loop a turn at least this often. @defaultValue 16 */
  readonly yieldEveryMs?: number;
  /** Injected clock in ms. @defaultValue performance.now */
  readonly now?: () => number;
  /** Emit layerStats every this many steps (and always on the last batch of an epoch). 0 = only per epoch. @defaultValue 0 */
  readonly statsEvery?: number;
  /** Emit batchEnd events. @defaultValue true */
  readonly batchEvents?: boolean;
  /** Emit snapshots (prediction, confusion matrix, boundary, unit activations) every this many epochs. @defaultValue about 100 per run */
  readonly snapshotEvery?: number;
  /**
   * Cells of the boundary snapshots (classification on 2 features): columns along the first feature, rows along
   * the second, each an integer in 2…512; `false` for none (each is about 50 KB of JSON in the event log).
   * @defaultValue { width: 64, height: 32 }
   */
  readonly boundaryGrid?: { readonly width: number; readonly height: number } | false;
  /**
   * Which splits runEnd evaluates for its `final` metrics. Evaluating the training set costs about a third of an
   * epoch (a forward pass over every row); leave it out when only validation/test matter.
   * @defaultValue ['train', 'validation', 'test']
   */
  readonly finalMetrics?: readonly ('train' | 'validation' | 'test')[];
  /** On NaN/∞ loss: stop, or put back the weights from the start of the epoch and stop. @defaultValue 'stop' */
  readonly onDivergence?: 'stop' | 'rollback';
  /**
   * The blow-up guard beside the NaN guard: a run also diverges when its batch loss stays above `factor` × its
   * first batch loss (at least factor × 1e-3) for `batches` batches in a row — a loss racing off without ever
   * reaching ∞ (Adam at a huge rate). `factor: Infinity` turns it off.
   * @defaultValue { factor: 1e6, batches: 5 }
   */
  readonly blowUp?: { readonly factor?: number; readonly batches?: number };
}
