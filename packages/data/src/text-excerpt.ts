/** The most characters of file content an error message quotes. */
export const EXCERPT_LENGTH = 120;

// ANSI/ECMA-48 sequences first (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, two-byte `ESC x`), so their printable
// tails go with them; then every remaining C0/C1 control character, DEL, and the bidi overrides that reorder text.
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]|\u001b[@-_]?/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes file content safe to quote in an error message: strips terminal escape sequences and control characters
 * (a CSV cell must not recolour or retitle the user's terminal) and cuts the rest to `maxLength` characters,
 * marking the cut with `…`. Pure; used for every cell, column name or header echoed in an error.
 */
export function excerpt(text: string, maxLength: number = EXCERPT_LENGTH): string {
  // Cut before cleaning too, so a 5 MB cell costs no 5 MB regex pass; escape sequences are short.
  const head = text.length > maxLength * 4 + 64 ? text.slice(0, maxLength * 4 + 64) : text;
  const clean = head.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
  const cut = clean.length > maxLength || head.length < text.length;
  return cut ? `${[...clean].slice(0, maxLength - 1).join('')}…` : clean;
}

/**
 * Joins names (columns, keys) for a message, each cleaned by `excerpt`, stopping before the whole exceeds `maxLength`
 * characters and saying how many were left out: `a, b, c … (+97 more)`.
 */
export function excerptList(names: readonly string[], maxLength: number = EXCERPT_LENGTH): string {
  const shown: string[] = [];
  let length = 0;
  for (const name of names) {
    const item = excerpt(name, Math.max(8, maxLength - length));
    if (shown.length > 0 && length + 2 + item.length > maxLength) break;
    shown.push(item);
    length += (shown.length > 1 ? 2 : 0) + item.length;
  }
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} … (+${rest} more)` : shown.join(', ');
}
