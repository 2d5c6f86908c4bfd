import { describe, expect, it } from '@jest/globals';
import { cells, screenProblems } from './screen.ts';

const size = { columns: 20, rows: 6 };

describe('screenProblems', () => {
  it('passes two closed boxes side by side, with │ inside one of them', () => {
    const frame = ['╭─ a ────╮╭─ b ────╮', '│ 1.0┤⣀⣀ ││        │', '│    │ ⠉ ││        │', '╰────────╯╰────────╯', 'footer'].join('\n');
    expect(screenProblems(frame, size)).toEqual([]);
  });

  it('reports lines wider than the terminal by display width, and too many lines', () => {
    expect(screenProblems('界'.repeat(11), size)).toEqual(['line 1 is 22 cells wide (terminal 20): ' + '界'.repeat(11)]);
    expect(screenProblems('\x1b[32m' + 'x'.repeat(20) + '\x1b[39m', size)).toEqual([]);
    expect(screenProblems('a\nb\nc\nd\ne\nf\ng', size)).toEqual(['7 lines for 6 rows']);
  });

  it('reports the fragments a wrapped panel leaves: open boxes, broken sides, stray borders', () => {
    // What the layers view looked like at 100×30, shrunk: the second panel wrapped under the first.
    const frame = ['╭─ layers ──╮╭─ m', '│#  act     ││tra', '╰───────────╯', '│val acc 100%│', '', '││'].join('\n');
    const problems = screenProblems(frame, size);
    expect(problems).toContain('box at line 1, column 14: no ╮ on its top line');
    expect(problems).toContain('stray "│" at line 4, column 1');
    expect(problems).toContain('stray "│" at line 6, column 2');
    // A box that does not close is not a box: its corners are reported as stray too.
    expect(screenProblems('╭──╮\n│  │\n╰─ ╯', size)).toEqual([
      'box at line 1, column 1: bottom edge broken on line 3',
      'stray "╭" at line 1, column 1', 'stray "╮" at line 1, column 4', 'stray "│" at line 2, column 1', 'stray "│" at line 2, column 4',
      'stray "╰" at line 3, column 1', 'stray "╯" at line 3, column 4',
    ]);
    expect(screenProblems('╭──╮\n│   \n╰──╯', size)[0]).toBe('box at line 1, column 1: side broken on line 2 ("│" … " ")');
  });

  it('counts a wide character as two cells', () => {
    expect(cells('a界b')).toEqual(['a', '界', '', 'b']);
  });
});
