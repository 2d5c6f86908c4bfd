export { checkModelGradients, type GradientCheckRow, type GradientCheckOptions } from './gradient-check.ts';
export type { OptimizerTarget, ParabolaParams, RosenbrockParams } from './optimizer-targets.ts';
export { parabola, rosenbrock, optimizerTargets, minimize } from './optimizer-targets.ts';
