export { checkModelGradients, type GradientCheckRow, type GradientCheckOptions } from './gradient-check.ts';
