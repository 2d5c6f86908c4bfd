/**
 * Thrown when a model or checkpoint file cannot be read: the message names the file and what is wrong with it,
 * e.g. `model.safetensors: tensor layers.0.weight has shape [5, 4], spec expects [5, 3]`.
 */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  /** The path (or in-memory source label) of the offending file. */
  readonly file: string;
  /** What is wrong, without the file name. */
  readonly reason: string;
  constructor(file: string, reason: string, options?: { readonly cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

/** The label used for bytes that did not come from a named file. */
export const IN_MEMORY_SOURCE = '<in-memory bytes>';
