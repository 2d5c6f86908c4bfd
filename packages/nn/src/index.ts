export type { ParamTree } from './tree.ts';
export { treeMap, treeLeaves, treeZip, treeClone, treeZerosLike, treeSize, treeNorm } from './tree.ts';
export type { ActivationName, ActivationSpec, InitializerName, LayerSpec, ModelSpec, Regularization } from './model/spec.ts';
export type { DenseParams, ModelParams } from './model/params.ts';
export type { Activation, ActivationKernel, ActivationRecord, ActivationTraits, ElementwiseDefinition } from './activations/activation.ts';
export { elementwise } from './activations/activation.ts';
export type { ActivationEmitter, EmitContext, Round } from './activations/emitter.ts';
export type { OnnxLowering } from './activations/onnx-lowering.ts';
export { ACTIVATIONS, ACTIVATION_NAMES, activationRecord } from './activations/registry.ts';
export { sigmoid, tanh, relu, leakyRelu, prelu, softmax, identity } from './activations/factories.ts';
export { resolveActivation, ActivationSpecError } from './activations/resolve.ts';
export type { Loss, LossName } from './losses/loss.ts';
export { LOSS_SLOTS, LOSS_SLOT_COUNT, weightSum } from './losses/loss.ts';
export { LOSSES, LOSS_NAMES } from './losses/registry.ts';
export { halfSumSquared, meanSquaredError } from './losses/squared.ts';
export { binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy, BCE_EPSILON } from './losses/cross-entropy.ts';
export { resolveLoss, lossValueAndGrad } from './losses/resolve.ts';
export { initWeights, defaultInitializer, INITIALIZER_NAMES } from './init/initializers.ts';
export type { Model } from './model/model.ts';
export { sequential, ModelSpecError } from './model/model.ts';
export type { Workspace } from './model/workspace.ts';
export { createWorkspace, forwardInto, lossInto, backwardInto, isFused } from './model/workspace.ts';
export { penaltyValue, addPenaltyGradient, dropoutKernel } from './model/regularization.ts';
export type { CompiledStep, CompileStepOptions } from './model/compiled-step.ts';
export { compileStep, MAX_COMPILED_WEIGHTS } from './model/compiled-step.ts';
export { assertParams, assertBatch } from './model/validate.ts';
export type { ForwardResult, ModelCallOptions, ValueAndGrad, ValueAndGradOptions } from './model/forward.ts';
export { forward, predict, valueAndGrad } from './model/forward.ts';
export type { GradientTransform, TransformDefinition, TransformDescriptor, PlainSgdDescriptor, EmptyState, ChainState, Schedule, LearningRateState, MomentumOptions, MomentumState, AdamOptions, AdamState, Optimizer, ClipOptions, SgdOptions, AdamwOptions } from './optim/index.ts';
export {
  transform, stateless, chain, applyUpdates, applyUpdatesInPlace,
  constant, polyDecay, stepDecay, exponentialDecay, cosineDecay, joinSchedules, linearWarmup,
  scale, scaleByLearningRate, scaleByMomentum, scaleByAdam, addDecayedWeights, clipByGlobalNorm,
  sgd, momentum, adam, adamw,
} from './optim/index.ts';
export { checkModelGradients, type GradientCheckRow, type GradientCheckOptions } from './testing/gradient-check.ts';
