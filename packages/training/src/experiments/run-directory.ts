/**
 * The folder name of a run, `<name>-<YYYYMMDD-HHMMSS>` (UTC), with the name reduced to file-name-safe characters.
 * Both apps put runs in `runs/<this>`; the wall-clock time is passed in, the library never reads the clock.
 */
export function runDirectoryName(name: string, wallClockMs: number): string {
  const iso = new Date(wallClockMs).toISOString(); // 2025-01-02T03:04:05.678Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `${safe}-${stamp}`;
}
