import {
  applyScaler, fitMinMax, fitStandardizer, foldIndices, loadBreastCancer, loadDigits, loadIris, loadWine, sinDataset, splitDataset, spirals, subset, twoMoons, xor,
  type CsvOptions, type Dataset, type Scaler,
} from '@clearprop/data';
import { resolveLoss, type LayerSpec } from '@clearprop/nn';
import { createRng } from '@clearprop/tensor';
import { earlyStopping } from '../operators/early-stopping.ts';
import { reduceLrOnPlateau } from '../operators/reduce-lr-on-plateau.ts';
import type { Controller } from '../train.ts';
import { ConfigError } from './schema.ts';
import type { ModelLimits } from '../run/limits.ts';
import { checkOverrides } from './overrides.ts';
import type { DataConfig, Experiment, ExperimentConfig, ExperimentOverrides } from './types.ts';
import { asBinary, withConfigClassWeights } from './weights.ts';

/**
 * Reads the CSV a config names (`data.train`, `data.validation`, `data.test`) as a Dataset, resolving the path
 * as it sees fit. `csvFiles(baseDir)` from `@clearprop/training/node` reads files relative to a directory; in a
 * browser, map names to fetched text and call `parseCsv`.
 */
export type CsvReader = (path: string, options: Omit<CsvOptions, 'source'>) => Dataset;

/** Options for buildExperiment. */
export interface BuildOptions {
  readonly overrides?: ExperimentOverrides;
  /**
   * Reads the config's CSV files. Only needed when `data` names files rather than a `builtin` set.
   * @defaultValue none: a config with CSV files throws ConfigError naming the field
   */
  readonly readCsv?: CsvReader;
  /** The config's name in error messages (its file). @defaultValue the config's name, else 'experiment' */
  readonly source?: string;
}

function loadBuiltin(data: DataConfig, seed: number): Dataset {
  const rng = createRng(seed ^ 0x2545f491);
  switch (data.builtin) {
    case 'sin': return sinDataset();
    case 'xor': return data.samples ? xor(data.samples, { rng, noise: data.noise ?? 0.1 }) : xor();
    case 'moons': return twoMoons(data.samples ?? 400, { rng, noise: data.noise ?? 0.1 });
    case 'spirals': return spirals(data.samples ?? 300, { rng, classes: 3, noise: data.noise ?? 0.2 });
    case 'iris': return loadIris();
    case 'digits': return loadDigits();
    case 'wine': return loadWine();
    case 'breastCancer': return loadBreastCancer();
    default: throw new RangeError(`unknown builtin data set "${String(data.builtin)}"`);
  }
}

/**
 * Loads, splits (shuffling first, stratified for classification), scales and weighs the data of a config. A
 * classification model with one output unit gets its labels as one 0/1 column (and a CSV may only hold 0 and 1).
 */
function loadData(config: ExperimentConfig, options: { readonly readCsv: CsvReader | undefined; readonly seed: number; readonly source: string }) {
  const { data } = config;
  const { readCsv, seed, source } = options;
  const task = data.task ?? resolveLoss(config.loss).task;
  const outputLayer = config.model.layers.length - 1;
  const binary = task === 'classification' && config.model.layers[outputLayer].units === 1;
  const csv = (field: 'train' | 'validation' | 'test', classes?: { readonly classes: number; readonly classLabels: readonly string[] }) => {
    const path = data[field] as string;
    if (readCsv === undefined) {
      throw new ConfigError(source, `data.${field}`, `"${path}" is a CSV file and buildExperiment was given no readCsv (in Node: readCsv: csvFiles(dir) from @clearprop/training/node)`);
    }
    return readCsv(path, {
      target: data.target ?? 'label',
      task,
      ...(data.maxClasses === undefined ? {} : { maxClasses: data.maxClasses }),
      ...(data.maxRowBytes === undefined ? {} : { maxRowBytes: data.maxRowBytes }),
      ...(binary ? { classes: 2 } : {}),
      // Separate validation/test files take the class count from the training file, so a file that lacks the
      // highest class still gets the same one-hot width; they may lack the weight column (their rows weigh 1).
      ...(classes && task === 'classification' ? { classes: classes.classes, classLabels: classes.classLabels } : {}),
      ...(data.sampleWeight === undefined ? {} : { weightColumn: data.sampleWeight, weightColumnOptional: classes !== undefined }),
    });
  };
  const all = data.builtin ? loadBuiltin(data, seed) : csv('train');
  const fractions = { validation: data.validation ? 0 : data.validationSplit ?? 0, test: data.test ? 0 : data.testSplit ?? 0 };
  // Nothing to hold out: keep the file order (so --no-shuffle really means file order).
  const split = fractions.validation === 0 && fractions.test === 0
    ? { train: all, validation: subset(all, new Int32Array(0)), test: subset(all, new Int32Array(0)) }
    : splitDataset(all, {
        fractions: { train: 1 - fractions.validation - fractions.test, ...fractions },
        rng: createRng(seed ^ 0x5bd1e995),
        stratify: data.stratify ?? all.task === 'classification',
      });
  const folded = data.fold ? foldSplit(split.train, data.fold, seed, data.stratify ?? all.task === 'classification') : undefined;
  const validation = folded?.validation ?? (data.validation ? csv('validation', all) : split.validation);
  const test = data.test ? csv('test', all) : split.test;
  const train = folded?.train ?? split.train;
  const scaler: Scaler | undefined = data.standardize ? fitStandardizer(train) : data.minMax ? fitMinMax(train) : undefined;
  const scale = (ds: Dataset) => (scaler && ds.length > 0 ? applyScaler(scaler, ds) : ds);
  const scaled = { train: scale(train), validation: scale(validation), test: scale(test) };
  const weighted = withConfigClassWeights(scaled, data, source);
  return { ...(binary ? asBinary(weighted, source, outputLayer) : weighted), scaler };
}

/** The layers with the top-level regularization applied to each layer that has none of its own. */
function regularizedLayers(config: ExperimentConfig): readonly LayerSpec[] {
  const global = config.regularization;
  if (global === undefined) return config.model.layers;
  return config.model.layers.map((layer) => (layer.regularization === undefined ? { ...layer, regularization: global } : layer));
}

/** Fold `index` (1-based) of `count` as validation, the other folds as training rows, in fold order. */
function foldSplit(pool: Dataset, fold: { readonly index: number; readonly count: number }, seed: number, stratify: boolean) {
  // Its own stream, so adding cross-validation leaves the test split and the init of a config unchanged.
  const folds = foldIndices(pool, { folds: fold.count, rng: createRng(seed ^ 0x68e31da4), stratify });
  const rest = folds.filter((_, i) => i !== fold.index - 1).flatMap((f) => Array.from(f));
  return { train: subset(pool, rest, `${pool.name}/fold-${fold.index}-train`), validation: subset(pool, folds[fold.index - 1], `${pool.name}/fold-${fold.index}`) };
}

const limitsOf = ({ maxUnits, maxParameters }: ExperimentConfig['model']): ModelLimits => ({
  ...(maxUnits === undefined ? {} : { maxUnits }),
  ...(maxParameters === undefined ? {} : { maxParameters }),
});

/**
 * Resolves a config (after overrides) into a runnable Experiment: data loaded (built-in sets, or CSVs through
 * `readCsv`), shuffled and split, scaled with statistics of the training part only; controllers built from
 * earlyStopping/reduceLrOnPlateau. Throws DataError (bad CSV), ConfigError (CSV files without `readCsv`);
 * TrainSpecError-worthy mismatches surface when `train()` checks the spec.
 */
export function buildExperiment(base: ExperimentConfig, options: BuildOptions = {}): Experiment {
  const o = options.overrides ?? {};
  checkOverrides(o);
  const config: ExperimentConfig = {
    ...base,
    ...(o.epochs === undefined ? {} : { epochs: o.epochs }),
    ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.shuffle === undefined ? {} : { shuffle: o.shuffle }),
    optimizer: { ...base.optimizer, ...(o.lr === undefined ? {} : { lr: o.lr }) },
    ...(o.maxParameters === undefined ? {} : { model: { ...base.model, maxParameters: o.maxParameters } }),
  };
  const { train, validation, test, scaler } = loadData(config, { readCsv: options.readCsv, seed: config.seed, source: options.source ?? config.name ?? 'experiment' });
  const controllers: Controller[] = [
    ...(config.earlyStopping ? [earlyStopping(config.earlyStopping)] : []),
    ...(config.reduceLrOnPlateau ? [reduceLrOnPlateau(config.reduceLrOnPlateau)] : []),
  ];
  const name = config.name ?? 'experiment';
  return {
    name,
    config,
    controllers,
    ...(scaler ? { normalization: scaler } : {}),
    spec: {
      name,
      model: { inputs: train.features, layers: regularizedLayers(config) },
      limits: limitsOf(config.model),
      loss: config.loss,
      optimizer: config.optimizer,
      train,
      ...(validation.length > 0 ? { validation } : {}),
      ...(test.length > 0 ? { test } : {}),
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed,
      shuffle: config.shuffle ?? true,
      dropRemainder: config.dropRemainder ?? false,
      ...(scaler ? { normalization: scaler } : {}),
      ...(config.threshold === undefined ? {} : { threshold: config.threshold }),
    },
  };
}
