import { ConfigError } from '../experiments/schema.ts';

/**
 * Thrown for an invalid sweep file or sweep folder; the message names the file and the field (`space."optimizer.lr"`).
 * A ConfigError by another name: the same `file: field: detail` message and fields, reported as a sweep's own.
 */
export class SweepError extends ConfigError {
  override readonly name: string = 'SweepError';
}
