/** Thrown for an invalid sweep file or sweep folder; the message names the file and the field (`space."optimizer.lr"`). */
export class SweepError extends Error {
  override readonly name = 'SweepError';
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, detail: string) {
    super(`${file}: ${field === '' ? '' : `${field}: `}${detail}`);
    this.file = file;
    this.field = field;
  }
}
