import type { EventEmitter } from 'node:events';
import stringWidth from 'string-width';

/** A terminal size in cells. */
export interface ScreenSize {
  readonly columns: number;
  readonly rows: number;
}

/** The frame without colour codes. */
export const plain = (frame: string): string => frame.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Polls the last frame (colours removed) until it passes `test`, and returns it. Ink renders asynchronously, so
 * tests wait for the frame they need rather than sleeping a fixed time; past `timeoutMs` it throws with the last
 * frame and `what` was awaited.
 */
export async function untilFrame(lastFrame: () => string | undefined, test: (frame: string) => boolean, what = 'the frame', timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = plain(lastFrame() ?? '');
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A line as terminal cells: one entry per column; a wide character fills two (the second is ''). */
export function cells(line: string): string[] {
  const out: string[] = [];
  for (const { segment } of new Intl.Segmenter().segment(line)) {
    const width = stringWidth(segment);
    if (width > 0) out.push(segment, ...Array<string>(width - 1).fill(''));
  }
  return out;
}

interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

const CORNERS = new Set(['╭', '╮', '╰', '╯']);

/**
 * Everything that would garble a terminal of `size`: a line wider than the columns (display width, as string-width
 * measures it), more lines than rows, a box whose four sides are not all there (corners joined by ─ and │), and
 * border pieces outside any box (a wrapped or shifted panel leaves `│…│` fragments and lone corners).
 */
export function screenProblems(frame: string, size: ScreenSize): string[] {
  const lines = plain(frame).split('\n');
  const problems: string[] = [];
  if (lines.length > size.rows) problems.push(`${lines.length} lines for ${size.rows} rows`);
  lines.forEach((line, r) => {
    const width = stringWidth(line);
    if (width > size.columns) problems.push(`line ${r + 1} is ${width} cells wide (terminal ${size.columns}): ${line}`);
  });
  const grid = lines.map(cells);
  const at = (r: number, c: number): string => grid[r]?.[c] ?? '';
  const boxes: Box[] = [];
  grid.forEach((row, top) => row.forEach((cell, left) => {
    if (cell !== '╭') return;
    const box = closeBox(grid, top, left);
    if (typeof box === 'string') problems.push(`box at line ${top + 1}, column ${left + 1}: ${box}`);
    else boxes.push(box);
  }));
  const onBorder = (r: number, c: number) => boxes.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right && (r === b.top || r === b.bottom || c === b.left || c === b.right));
  const inside = (r: number, c: number) => boxes.some((b) => r > b.top && r < b.bottom && c > b.left && c < b.right);
  grid.forEach((row, r) => row.forEach((cell, c) => {
    if ((CORNERS.has(cell) || cell === '│') && !onBorder(r, c) && !inside(r, c)) problems.push(`stray "${at(r, c)}" at line ${r + 1}, column ${c + 1}`);
  }));
  return problems;
}

/** Follows a box from its top-left corner: the top edge to ╮, both sides down to ╰ and ╯, the bottom edge back. */
function closeBox(grid: readonly (readonly string[])[], top: number, left: number): Box | string {
  const row = grid[top];
  const right = row.indexOf('╮', left + 1);
  if (right < 0) return 'no ╮ on its top line';
  if (row.slice(left + 1, right).includes('╭')) return 'top edge runs into another box';
  for (let r = top + 1; r < grid.length; r++) {
    const l = grid[r][left];
    const rr = grid[r][right];
    if (l === '╰' || rr === '╯') {
      if (l !== '╰' || rr !== '╯') return `bottom corners do not match on line ${r + 1} ("${l ?? ''}" … "${rr ?? ''}")`;
      if (grid[r].slice(left + 1, right).some((c) => c !== '─')) return `bottom edge broken on line ${r + 1}`;
      return { top, bottom: r, left, right };
    }
    if (l !== '│' || rr !== '│') return `side broken on line ${r + 1} ("${l ?? ''}" … "${rr ?? ''}")`;
  }
  return 'never closed at the bottom';
}

/** Gives an ink-testing-library stdout (fixed at 100 columns, no rows) a size and tells Ink it was resized. */
export function resizeTerminal(stdout: EventEmitter, size: ScreenSize): void {
  Object.defineProperty(stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: size.rows, configurable: true });
  stdout.emit('resize');
}
