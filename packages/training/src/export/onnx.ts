import { assertParams, sequential, type Model } from '@clearprop/nn';
import onnxProto from 'onnx-proto';
import type { SavedModel } from '../files/model-file.ts';
import { IN_MEMORY_SOURCE } from '../files/model-file-error.ts';
import { describeScaling, inputScaling, type InputScaling } from './input-scaling.ts';
import { describeOutputs, modelOutputs, type ModelOutputs } from './model-outputs.ts';
import { layersPart, scalingPart } from './onnx-graph.ts';

const { onnx } = onnxProto;

/** The ONNX operator set the graph is written against (Softmax over one axis, as since opset 13). */
export const ONNX_OPSET = 17;
/** The IR version that goes with opset 17 (ONNX 1.12). */
export const ONNX_IR_VERSION = 8;

/** Options for {@link toOnnx}. */
export interface OnnxExportOptions {
  /**
   * Leave the normalization out of the graph: the caller scales the inputs, as the `input_normalization` and
   * `normalization` metadata describe. @defaultValue false
   */
  readonly rawInputs?: boolean;
  /** The model's file name, for error messages. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
}

/**
 * Encodes a saved model as an ONNX model (opset 17, IR 8) for any ONNX runtime.
 * Graph: input `input` [batch, features] float32 (batch dynamic) → normalization as `Sub`/`Div` (unless rawInputs)
 * → per layer `Gemm(transB = 1)` and its activation op → `probabilities` [batch, outputs] for classification,
 * `output` otherwise. Class labels, feature and target names, the spec, normalization and training config go in
 * `metadata_props` as JSON. Writing only: there is no reader for ONNX files.
 * Throws ShapeError if the params do not fit the spec, ModelFileError naming `source` for unusable metadata.
 */
export function toOnnx(saved: SavedModel, options: OnnxExportOptions = {}): Uint8Array {
  const source = options.source ?? IN_MEMORY_SOURCE;
  const model = sequential(saved.spec);
  assertParams(model, saved.params);
  const outputs = modelOutputs(saved, source);
  const scaling = inputScaling(saved, source);
  const inGraph = scaling !== undefined && options.rawInputs !== true;
  const outputName = outputs.task === 'classification' ? 'probabilities' : 'output';
  const scaled = scaling && inGraph ? scalingPart(scaling, 'input', 'normalized') : { nodes: [], initializers: [] };
  const layers = layersPart(model, saved.params, inGraph ? 'normalized' : 'input', outputName);
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'clearprop',
    docString: model.describe(),
    input: [tensorInfo('input', model.inputs, `features in order: ${outputs.featureNames.join(', ')}`)],
    output: [tensorInfo(outputName, model.outputs, describeOutputs(outputs, model.outputs))],
    initializer: [...scaled.initializers, ...layers.initializers],
    node: [...scaled.nodes, ...layers.nodes],
  };
  const metadata = metadataProps(saved, model, outputs, scaling, inGraph);
  return onnx.ModelProto.encode({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'clearprop',
    docString: `clearprop ${model.describe()}, ${outputs.task}`,
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  }).finish();
}

/** A float32 [batch, width] tensor with a symbolic batch dimension. */
function tensorInfo(name: string, width: number, docString: string): onnxProto.onnx.IValueInfoProto {
  const shape = { dim: [{ dimParam: 'batch' }, { dimValue: width }] };
  return { name, docString, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape } } };
}

/** The metadata_props entries; list values are JSON. */
function metadataProps(saved: SavedModel, model: Model, outputs: ModelOutputs, scaling: InputScaling | undefined, inGraph: boolean): Record<string, string> {
  const json = JSON.stringify;
  return {
    task: outputs.task,
    feature_names: json(outputs.featureNames),
    ...(outputs.task === 'classification' ? { class_labels: json(outputs.classLabels) } : { target_names: json(outputs.targetNames) }),
    output: describeOutputs(outputs, model.outputs),
    ...(outputs.task === 'classification' && model.outputs === 1 ? { threshold: String(outputs.threshold) } : {}),
    input_normalization: scaling === undefined ? 'none' : `${inGraph ? 'in the graph' : 'not in the graph: scale the inputs first'}: ${describeScaling(scaling)}, values in "normalization"`,
    ...(saved.normalization !== undefined && { normalization: json(saved.normalization) }),
    model_spec: json(saved.spec),
    ...(saved.trainingConfig !== undefined && { training_config: json(saved.trainingConfig) }),
  };
}
