/**
 * How an activation is written as ONNX (opset 17), as plain data so the numeric core stays dependency-free; the
 * exporter in @clearprop/training turns it into graph nodes.
 * - `op`: one ONNX operator on the layer's pre-activation, with float or int attributes; `slopes` adds the layer's
 *   learned α [units] as its second input (PRelu).
 * - `nodes`: a small graph of primitive operators for an activation ONNX has no operator for. Each node's inputs
 *   are `'x'` (the pre-activation), an earlier node's output name, or a number (a float32 scalar constant); the
 *   last node's output is the activation.
 */
export type OnnxLowering =
  | {
      readonly op: string;
      readonly floatAttributes?: Readonly<Record<string, number>>;
      readonly intAttributes?: Readonly<Record<string, number>>;
      readonly slopes?: boolean;
    }
  | { readonly nodes: readonly { readonly op: string; readonly inputs: readonly (string | number)[]; readonly output: string }[] };
