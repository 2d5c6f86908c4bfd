import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import wabt from 'wabt';
import { ADAM_WASM_BASE64 } from './adam.wasm.ts';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-shared.wasm.ts';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';

// The committed binaries must be exactly what wabt makes of the committed texts, so the two cannot drift.
// (Whether the .wat files match their generator is checked by `./tools/gen-wasm-kernels.ts --check`.)
it.each([
  ['gemm.wat', GEMM_WASM_BASE64, false],
  ['gemm-shared.wat', GEMM_SHARED_WASM_BASE64, true],
  ['adam.wat', ADAM_WASM_BASE64, false],
] as const)('%s is compiled by wabt into the committed base64', async (file, base64, shared) => {
  const wat = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
  const module = (await wabt()).parseWat(file, wat, { simd: true, threads: shared });
  try {
    const binary = module.toBinary({}).buffer;
    expect(Buffer.from(binary).toString('base64')).toBe(base64);
  } finally {
    module.destroy();
  }
});
