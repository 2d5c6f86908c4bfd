/** Element types a tensor can hold: float32 for training, float64 for gradient checks. */
export type DType = 'float32' | 'float64';

/** The backing array of a tensor. */
export type FloatArray = Float32Array | Float64Array;

/** Allocates a zero-filled array of `length` elements of `dtype`. */
export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** The dtype of a backing array. */
export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}
