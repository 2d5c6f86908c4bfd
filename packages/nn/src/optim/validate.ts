/**
 * Throws a RangeError naming `where` and the argument unless `value` is finite and `valid` holds.
 * Used at construction time only (factories and schedules), never per step.
 */
export function checkArgument(where: string, name: string, value: number, valid: boolean, expected: string): void {
  if (!Number.isFinite(value) || !valid) throw new RangeError(`${where}: ${name} must be ${expected} (got ${value})`);
}
