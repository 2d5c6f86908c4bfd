import { describeKernelSet } from '../testing/kernel-conformance.ts';
import { tsKernels } from './kernel-set.ts';

describeKernelSet(tsKernels);
