#!/usr/bin/env -S node --import tsx
// Checks float32Exp (@clearprop/tensor) on every float32 input: the largest relative error of the double it
// returns against Math.exp, and how often / how far its float32 rounding differs from rounding Math.exp's.
// Usage: ./tools/check-exp.ts            every float32 (≈ 4.3·10⁹ inputs, a minute or two)
//        ./tools/check-exp.ts --stride 97  every 97th bit pattern (a quick look)
import { float32Exp } from '@clearprop/tensor';

const strideFlag = process.argv.indexOf('--stride');
const stride = strideFlag >= 0 ? Number(process.argv[strideFlag + 1]) : 1;
const bits = new Uint32Array(1);
const value = new Float32Array(bits.buffer);
let worstRelative = 0;
let worstAt = 0;
let differ = 0;
let worstUlps = 0;
let checked = 0;
for (let pattern = 0; pattern < 2 ** 32; pattern += stride) {
  bits[0] = pattern;
  const x = value[0];
  const exact = Math.exp(x);
  const fast = float32Exp(x);
  checked++;
  if (Number.isNaN(exact)) {
    if (!Number.isNaN(fast)) throw new Error(`float32Exp(${x}) = ${fast}, expected NaN`);
    continue;
  }
  if (exact !== 0 && Number.isFinite(exact)) {
    const relative = Math.abs(fast - exact) / exact;
    if (relative > worstRelative) [worstRelative, worstAt] = [relative, x];
  } else if (fast !== exact) {
    throw new Error(`float32Exp(${x}) = ${fast}, expected ${exact}`);
  }
  const [a, b] = [Math.fround(fast), Math.fround(exact)];
  if (a !== b) {
    differ++;
    // Distance in float32 steps: both are positive, so their bit patterns order like their values.
    value[0] = a;
    const bitsA = bits[0];
    value[0] = b;
    worstUlps = Math.max(worstUlps, Math.abs(bitsA - bits[0]));
  }
}
console.log(`float32Exp on ${checked} float32 inputs (stride ${stride}): worst relative error of the double ${worstRelative.toExponential(3)} (at x = ${worstAt}); `
  + `float32 roundings differing from Math.exp's: ${differ}, by at most ${worstUlps} ulp`);
