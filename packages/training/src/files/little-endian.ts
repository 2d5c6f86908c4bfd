import { allocate, type DType, type FloatArray } from '@clearprop/tensor';

/** Bytes per element of a dtype. */
export function bytesPerElement(dtype: DType): 4 | 8 {
  return dtype === 'float64' ? 8 : 4;
}

/** A DataView over exactly the bytes of `bytes`, which may be a window into a larger buffer (Buffer, zip entry). */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Writes `data` as little-endian floats at byte `offset` of `view`. */
export function writeFloats(view: DataView, offset: number, data: FloatArray): void {
  // DataView rather than a typed-array view: files are little-endian whatever the host, and offsets need no alignment.
  if (data instanceof Float64Array) {
    for (let i = 0; i < data.length; i++) view.setFloat64(offset + 8 * i, data[i], true);
  } else {
    for (let i = 0; i < data.length; i++) view.setFloat32(offset + 4 * i, data[i], true);
  }
}

/** Reads `count` little-endian floats of `dtype` from byte `offset` of `view` into a fresh array. */
export function readFloats(view: DataView, offset: number, count: number, dtype: DType): FloatArray {
  const out = allocate(dtype, count);
  if (dtype === 'float64') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, true);
  } else {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, true);
  }
  return out;
}
