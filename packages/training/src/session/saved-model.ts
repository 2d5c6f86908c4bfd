import type { ModelParams } from '@clearprop/nn';
import { DATA_INFO_KEY, dataInfoOf } from '../data-info.ts';
import type { Experiment, ExperimentConfig } from '../experiments/types.ts';
import type { JsonObject, SavedModel } from '../files/index.ts';

/**
 * What a model file and a checkpoint carry besides weights: the normalization (so new inputs are scaled as in
 * training), the resolved config (provenance, and what `--resume` rebuilds the run from) and the dataset info
 * (task, feature and target names, class labels) that `eval` and `predict` read CSVs with.
 */
export function modelMetadata(experiment: Experiment, config: ExperimentConfig): Omit<SavedModel, 'spec' | 'params'> {
  return {
    ...(experiment.normalization ? { normalization: experiment.normalization as unknown as JsonObject } : {}),
    trainingConfig: config as unknown as JsonObject,
    extra: { [DATA_INFO_KEY]: JSON.stringify(dataInfoOf(experiment.spec.train, { threshold: experiment.spec.threshold, weightColumn: config.data.sampleWeight })) },
  };
}

/** The model as a session saves it: architecture, weights and the full metadata. */
export function savedModelOf(experiment: Experiment, config: ExperimentConfig, params: ModelParams): SavedModel {
  return { spec: experiment.spec.model, params, ...modelMetadata(experiment, config) };
}
