// The slice of the WebAssembly JS API this package uses. @types/node 20 does not declare the `WebAssembly`
// global and pulling in lib "dom" would leak browser globals into every package, so it is typed locally.

/** A WebAssembly linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A shared WebAssembly linear memory: its buffer is a SharedArrayBuffer and growing never detaches it. */
export interface WasmSharedMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

/** An exported immutable i32 global. */
export interface WasmGlobal {
  readonly value: number;
}

interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

interface WasmNamespace {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  readonly Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  readonly Instance: new (module: object, imports: object) => WasmInstance;
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmSharedMemory;
}

/** Bytes per WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

function wasmNamespace(): WasmNamespace | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmNamespace }).WebAssembly;
}

// (module (func (result v128) (f32x4.splat (f32.const 0)))): validates only where SIMD128 is implemented.
const SIMD_PROBE = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x0b, 0x01, 0x09, 0x00, 0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13, 0x0b,
];

/** Whether this runtime can run WebAssembly SIMD128 code (and so `createWasmKernels`). */
export function wasmSimdSupported(): boolean {
  const wasm = wasmNamespace();
  return wasm !== undefined && wasm.validate(Uint8Array.from(SIMD_PROBE));
}

function supportedWasm(): WasmNamespace {
  const wasm = wasmNamespace();
  if (wasm === undefined || !wasmSimdSupported()) throw new Error('WebAssembly SIMD128 is not supported by this runtime');
  return wasm;
}

/** Decodes base64 module bytes. */
export function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Instantiates module bytes synchronously with the given imports (none by default). */
export function instantiate(bytes: Uint8Array<ArrayBuffer>, imports: object = {}): Readonly<Record<string, unknown>> {
  const wasm = supportedWasm();
  return new wasm.Instance(new wasm.Module(bytes), imports).exports;
}

/** A new shared memory of `initial` pages that can grow to `maximum` pages. */
export function createSharedMemory(initial: number, maximum: number): WasmSharedMemory {
  return new (supportedWasm().Memory)({ initial, maximum, shared: true });
}
