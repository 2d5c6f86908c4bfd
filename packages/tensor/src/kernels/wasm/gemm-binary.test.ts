import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import wabt from 'wabt';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';

// The committed binary must be exactly what wabt makes of the committed text, so the two cannot drift.
// (Whether gemm.wat matches its generator is checked by `./tools/gen-wasm-kernels.ts --check`.)
it('gemm.wasm.ts is the wabt compilation of gemm.wat', async () => {
  const wat = readFileSync(new URL('./gemm.wat', import.meta.url), 'utf8');
  const module = (await wabt()).parseWat('gemm.wat', wat, { simd: true });
  try {
    const binary = module.toBinary({}).buffer;
    expect(Buffer.from(binary).toString('base64')).toBe(GEMM_WASM_BASE64);
  } finally {
    module.destroy();
  }
});
