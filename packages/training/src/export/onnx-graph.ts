import type { Activation, Model, ModelParams } from '@clearprop/nn';
import onnxProto from 'onnx-proto';
import type { InputScaling } from './input-scaling.ts';

const { onnx } = onnxProto;

/** Nodes and the initializers (weights) they read: one slice of an ONNX graph. */
export interface GraphPart {
  readonly nodes: onnxProto.onnx.INodeProto[];
  readonly initializers: onnxProto.onnx.ITensorProto[];
}

const { FLOAT } = onnx.TensorProto.DataType;
const { INT, FLOAT: FLOAT_ATTRIBUTE } = onnx.AttributeProto.AttributeType;

/** A float32 initializer stored as little-endian raw_data (the layout ONNX prescribes whatever the host). */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): onnxProto.onnx.ITensorProto {
  const rawData = new Uint8Array(4 * values.length);
  const view = new DataView(rawData.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return { name, dims: [...dims], dataType: FLOAT, rawData };
}

/** x′ = (x − offset) / scale as ONNX `Sub` then `Div`, with offset and scale rounded to float32 [features]. */
export function scalingPart(scaling: InputScaling, input: string, output: string): GraphPart {
  const n = scaling.offset.length;
  return {
    initializers: [floatTensor('normalization.offset', [n], scaling.offset), floatTensor('normalization.scale', [n], scaling.scale)],
    nodes: [
      { name: 'normalization.sub', opType: 'Sub', input: [input, 'normalization.offset'], output: ['normalization.centered'] },
      { name: 'normalization.div', opType: 'Div', input: ['normalization.centered', 'normalization.scale'], output: [output] },
    ],
  };
}

/**
 * Every dense layer l as `Gemm(a, layers.l.weight, layers.l.bias, transB = 1)` — the weight stays in PyTorch's
 * [out, in] layout — then its activation op; reads `input`, and the last activation writes `output`.
 */
export function layersPart(model: Model, params: ModelParams, input: string, output: string): GraphPart {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const initializers: onnxProto.onnx.ITensorProto[] = [];
  let previous = input;
  params.forEach((p, l) => {
    const [inFeatures, outFeatures] = [model.widths[l], model.widths[l + 1]];
    const [weight, bias, z] = [`layers.${l}.weight`, `layers.${l}.bias`, `layers.${l}.z`];
    const a = l === params.length - 1 ? output : `layers.${l}.a`;
    initializers.push(floatTensor(weight, [outFeatures, inFeatures], p.weight.data), floatTensor(bias, [outFeatures], p.bias.data));
    nodes.push({ name: `layers.${l}.gemm`, opType: 'Gemm', input: [previous, weight, bias], output: [z], attribute: [{ name: 'transB', type: INT, i: 1 }] });
    const activation = activationNodes(model.activations[l], `layers.${l}`, z, a, p.alpha?.data);
    nodes.push(...activation.nodes);
    initializers.push(...activation.initializers);
    previous = a;
  });
  return { nodes, initializers };
}

/**
 * An activation's ONNX nodes from its record's lowering (nn's OnnxLowering): one operator, with the learned slopes
 * [units] as an initializer for PRelu, or a small graph of primitive operators with float32 scalar constants.
 */
function activationNodes(activation: Activation, prefix: string, input: string, output: string, slopes: ArrayLike<number> | undefined): GraphPart {
  const lowering = activation.onnx;
  if (lowering === undefined) throw new RangeError(`${prefix}: activation "${activation.name}" has no ONNX lowering`);
  const name = `${prefix}.${activation.name}`;
  if ('op' in lowering) {
    const attribute = [
      ...Object.entries(lowering.floatAttributes ?? {}).map(([key, f]) => ({ name: key, type: FLOAT_ATTRIBUTE, f })),
      ...Object.entries(lowering.intAttributes ?? {}).map(([key, i]) => ({ name: key, type: INT, i })),
    ];
    if (!lowering.slopes) return { nodes: [{ name, opType: lowering.op, input: [input], output: [output], attribute }], initializers: [] };
    if (!slopes) throw new RangeError(`${prefix}: ${activation.name} without learned slopes (alpha)`);
    const alpha = `${prefix}.alpha`;
    return { nodes: [{ name, opType: lowering.op, input: [input, alpha], output: [output], attribute }], initializers: [floatTensor(alpha, [slopes.length], slopes)] };
  }
  const initializers: onnxProto.onnx.ITensorProto[] = [];
  const last = lowering.nodes.length - 1;
  const local = (value: string | number, n: number): string => {
    if (typeof value === 'number') {
      const constant = `${name}.c${n}.${initializers.length}`;
      initializers.push(floatTensor(constant, [], [value]));
      return constant;
    }
    return value === 'x' ? input : `${name}.${value}`;
  };
  const nodes = lowering.nodes.map((node, n) => ({
    name: `${name}.${node.op.toLowerCase()}${n}`, opType: node.op, input: node.inputs.map((value) => local(value, n)), output: [n === last ? output : `${name}.${node.output}`],
  }));
  return { nodes, initializers };
}
