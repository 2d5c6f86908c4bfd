import type { LayerSpec, LossName, Regularization } from '@clearprop/nn';
import type { Scaler } from '@clearprop/data';
import type { EarlyStoppingOptions } from '../operators/early-stopping.ts';
import type { ReduceLrOnPlateauOptions } from '../operators/reduce-lr-on-plateau.ts';
import type { OptimizerConfig } from '../spec.ts';
import type { Controller } from '../train.ts';
import type { TrainSpec } from '../spec.ts';

/** Names of the built-in data sets a config can use instead of CSV files. */
export type BuiltinDataName = 'sin' | 'xor' | 'moons' | 'spirals' | 'iris' | 'digits' | 'wine' | 'breastCancer';

/** The data section of an experiment config (JSON/YAML). Paths are relative to the config file. */
export interface DataConfig {
  /** A built-in set instead of CSV files. */
  readonly builtin?: BuiltinDataName;
  /** Training CSV (header row). */
  readonly train?: string;
  /** Validation CSV; otherwise `validationSplit` of the training rows. */
  readonly validation?: string;
  /** Test CSV; otherwise `testSplit` of the training rows. */
  readonly test?: string;
  /** Target column name(s); several only for regression. @defaultValue 'label' */
  readonly target?: string | readonly string[];
  /** @defaultValue 'regression' for CSV unless the loss is a cross-entropy */
  readonly task?: 'regression' | 'classification';
  /** Standardize features (fitted on the training part only). @defaultValue false */
  readonly standardize?: boolean;
  /** Min-max scale features instead. @defaultValue false */
  readonly minMax?: boolean;
  /** @defaultValue 0 */
  readonly validationSplit?: number;
  /** @defaultValue 0 */
  readonly testSplit?: number;
  /** Class labels in CSVs must be below this (when the count is not known). @defaultValue 1000 */
  readonly maxClasses?: number;
  /** The longest CSV row in bytes. @defaultValue 1048576 (1 MiB) */
  readonly maxRowBytes?: number;
  /** Keep class proportions in splits. @defaultValue true for classification */
  readonly stratify?: boolean;
  /** Rows for synthetic sets (moons, spirals, xor with noise). */
  readonly samples?: number;
  /** Noise for synthetic sets. */
  readonly noise?: number;
  /**
   * Cross-validation: validate on fold `index` (1…count) of `count` folds of the rows left after the test split,
   * train on the others. Folds are stratified for classification and drawn from `seed`. Excludes `validation`
   * and `validationSplit`. Set by `clearprop train --cv` and sweeps with `cv`.
   */
  readonly fold?: { readonly index: number; readonly count: number };
  /**
   * Class weights for the loss: "balanced" (scikit-learn's n / (K · n_k), from the training part) or a weight per
   * class label (labels not listed weigh 1). Applied to every split's loss. @defaultValue none
   */
  readonly classWeight?: 'balanced' | Readonly<Record<string, number>>;
  /** A CSV column of per-row loss weights (finite, ≥ 0); not a feature. Multiplies the class weight. @defaultValue none */
  readonly sampleWeight?: string;
}

/** An experiment as written in a config file: the schema (see docs/config.md). */
export interface ExperimentConfig {
  readonly name?: string;
  readonly description?: string;
  readonly data: DataConfig;
  readonly model: {
    readonly layers: readonly LayerSpec[];
    /** The widest layer allowed. @defaultValue 100000 */
    readonly maxUnits?: number;
    /** Parameters allowed in all (`--max-parameters` overrides). @defaultValue 10000000 */
    readonly maxParameters?: number;
  };
  /** Weight penalties for every layer; a layer's own `regularization` replaces them for that layer. @defaultValue none */
  readonly regularization?: Regularization;
  /** Binary classifiers (one output unit): predict class 1 when p₁ > threshold. @defaultValue 0.5 */
  readonly threshold?: number;
  readonly loss: LossName;
  readonly optimizer: OptimizerConfig;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  /** @defaultValue true */
  readonly shuffle?: boolean;
  /** @defaultValue false */
  readonly dropRemainder?: boolean;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly reduceLrOnPlateau?: ReduceLrOnPlateauOptions;
}

/** Command-line style overrides applied on top of a config. */
export interface ExperimentOverrides {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  readonly seed?: number;
  readonly shuffle?: boolean;
  /** Raises (or lowers) the model's parameter limit: `model.maxParameters`. */
  readonly maxParameters?: number;
}

/** A resolved, runnable experiment: data loaded, scaled and split; the spec ready for `train()`. */
export interface Experiment {
  readonly name: string;
  /** The config after presets and overrides, as saved next to the model. */
  readonly config: ExperimentConfig;
  readonly spec: TrainSpec;
  /** Controllers from the config (earlyStopping, reduceLrOnPlateau), to pass as `train(spec, { controllers })`. */
  readonly controllers: readonly Controller[];
  /** The feature scaler fitted on the training part, saved with the model so predictions scale inputs the same way. */
  readonly normalization?: Scaler;
}
