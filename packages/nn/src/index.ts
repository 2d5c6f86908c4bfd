export type { ParamTree } from './tree.ts';
export { treeMap, treeLeaves, treeZip, treeClone, treeZerosLike, treeSize, treeNorm } from './tree.ts';
export type { ActivationName, ActivationSpec, InitializerName, LayerSpec, ModelSpec } from './model/spec.ts';
export type { DenseParams, ModelParams } from './model/params.ts';
export type { Activation, ElementwiseDefinition } from './activations/activation.ts';
export { elementwise } from './activations/activation.ts';
export { sigmoid, tanh, relu, leakyRelu, identity } from './activations/elementwise-activations.ts';
export { prelu } from './activations/prelu.ts';
export { softmax } from './activations/softmax.ts';
export { resolveActivation, ACTIVATION_NAMES, ActivationSpecError } from './activations/resolve.ts';
export type { Loss, LossName } from './losses/loss.ts';
export { LOSS_NAMES } from './losses/loss.ts';
export { halfSumSquared, meanSquaredError } from './losses/squared.ts';
export { binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy, BCE_EPSILON } from './losses/cross-entropy.ts';
export { resolveLoss, lossValueAndGrad } from './losses/resolve.ts';
export { initWeights, defaultInitializer, INITIALIZER_NAMES } from './init/initializers.ts';
export type { Model } from './model/model.ts';
export { sequential, ModelSpecError } from './model/model.ts';
export type { Workspace } from './model/workspace.ts';
export { createWorkspace, forwardInto, lossInto, backwardInto, isFused } from './model/workspace.ts';
export type { CompiledStep, CompileStepOptions } from './model/compiled-step.ts';
export { compileStep, MAX_COMPILED_WEIGHTS } from './model/compiled-step.ts';
export type { ActivationEmitter, EmitContext, Round } from './model/compiled-emit.ts';
export { activationEmitter } from './model/compiled-emit.ts';
export { assertParams, assertBatch } from './model/validate.ts';
export type { ForwardResult, ModelCallOptions, ValueAndGrad } from './model/forward.ts';
export { forward, predict, valueAndGrad } from './model/forward.ts';
export type { GradientTransform, TransformDefinition, EmptyState, ChainState, Schedule, LearningRateState, MomentumOptions, MomentumState, AdamOptions, AdamState, Optimizer, ClipOptions, SgdOptions, AdamwOptions } from './optim/index.ts';
export {
  transform, stateless, chain, applyUpdates, applyUpdatesInPlace,
  constant, polyDecay, stepDecay, exponentialDecay, cosineDecay, joinSchedules, linearWarmup,
  scale, scaleByLearningRate, scaleByMomentum, scaleByAdam, addDecayedWeights, clipByGlobalNorm,
  sgd, momentum, adam, adamw,
} from './optim/index.ts';
export { checkModelGradients, type GradientCheckRow, type GradientCheckOptions } from './testing/gradient-check.ts';
