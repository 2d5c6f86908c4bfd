/** A key that a JSON object repeats: where, and which line it is on. */
export interface DuplicateKey {
  /** Field path of the repeated key, e.g. `optimizer.lr` or `model.layers[1].units`. */
  readonly field: string;
  readonly key: string;
  readonly line: number;
  /** Line of the key's first occurrence in the same object. */
  readonly firstLine: number;
}

type Frame = { readonly keys: Map<string, number>; current: string } | { readonly keys: null; index: number };

const fieldOf = (frames: readonly Frame[]): string =>
  frames.map((f) => (f.keys === null ? `[${f.index}]` : `.${f.current}`)).join('').replace(/^\./, '');

/**
 * Finds the first key a JSON object repeats. JSON.parse keeps the last value silently (and YAML refuses a repeat);
 * a config with two `"lr"` keys is a mistake worth naming. `text` must already parse as JSON.
 */
export function duplicateJsonKey(text: string): DuplicateKey | undefined {
  const frames: Frame[] = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '{' || c === '[') {
      frames.push(c === '{' ? { keys: new Map(), current: '' } : { keys: null, index: 0 });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') frames.pop();
    else if (c === ',') {
      const top = frames.at(-1);
      if (top?.keys === null) top.index++;
      expectKey = top !== undefined && top.keys !== null;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = frames.at(-1);
      if (expectKey && top && top.keys !== null) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const firstLine = top.keys.get(key);
        if (firstLine !== undefined) return { field: fieldOf(frames.slice(0, -1).concat({ keys: top.keys, current: key })), key, line, firstLine };
        top.keys.set(key, line);
        top.current = key;
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
