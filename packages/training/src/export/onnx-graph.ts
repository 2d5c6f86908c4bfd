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
    const activation = activationNode(model.activations[l], `layers.${l}`, z, a);
    if (activation.slope) {
      if (!p.alpha) throw new RangeError(`layers.${l}: prelu without learned slopes (alpha)`);
      initializers.push(floatTensor(activation.slope, [outFeatures], p.alpha.data));
    }
    nodes.push(activation.node);
    previous = a;
  });
  return { nodes, initializers };
}

/** The ONNX op of an activation; PRelu also names the initializer holding its learned slopes [units]. */
function activationNode(activation: Activation, prefix: string, input: string, output: string): { readonly node: onnxProto.onnx.INodeProto; readonly slope?: string } {
  const node = (opType: string, attribute: onnxProto.onnx.IAttributeProto[] = [], inputs = [input]): onnxProto.onnx.INodeProto =>
    ({ name: `${prefix}.${activation.name}`, opType, input: inputs, output: [output], attribute });
  switch (activation.name) {
    case 'sigmoid': return { node: node('Sigmoid') };
    case 'tanh': return { node: node('Tanh') };
    case 'relu': return { node: node('Relu') };
    // The attribute is float32, as ONNX defines it; clearprop multiplies by the float64 α (a ≤ ½-ulp difference).
    case 'leakyRelu': return { node: node('LeakyRelu', [{ name: 'alpha', type: FLOAT_ATTRIBUTE, f: activation.alpha ?? 0.01 }]) };
    case 'prelu': return { node: node('PRelu', [], [input, `${prefix}.alpha`]), slope: `${prefix}.alpha` };
    case 'softmax': return { node: node('Softmax', [{ name: 'axis', type: INT, i: -1 }]) };
    case 'identity': return { node: node('Identity') };
    default: return unknownActivation(activation.name);
  }
}

function unknownActivation(name: never): never {
  throw new RangeError(`activation "${String(name)}" has no ONNX op`);
}
