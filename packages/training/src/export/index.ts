export type { ModelOutputs } from './model-outputs.ts';
export { modelOutputs } from './model-outputs.ts';
export type { InputScaling } from './input-scaling.ts';
export { inputScaling } from './input-scaling.ts';
export type { OnnxExportOptions } from './onnx.ts';
export { toOnnx, ONNX_OPSET, ONNX_IR_VERSION } from './onnx.ts';
export type { ModuleFormat, PredictModuleOptions, PredictModule } from './predict-module.ts';
export { toPredictModule } from './predict-module.ts';
