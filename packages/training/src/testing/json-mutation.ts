import fc from 'fast-check';

/** JSON values that trip readers: wrong types, huge or negative numbers, prototype keys, control characters. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, -1, 0, 1.5, 1e308, -1e6, 2 ** 53, '', 'x', '\u001b[31m', [], {}, [1, 2, 3, 4], JSON.parse('{"__proto__":{"units":1}}') as unknown),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'kind', 'task', 'units', 'a'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/**
 * `value` with the node at a random path replaced by a hostile value (or a key added to an object), as a JSON text.
 * The path is chosen by `steps`: each step picks a child by index modulo the node's size.
 */
export function mutateJson(value: unknown, steps: readonly number[], replacement: unknown, addKey: string | undefined): unknown {
  if (steps.length === 0 || value === null || typeof value !== 'object') {
    if (addKey !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.defineProperty({ ...(value as object) }, addKey, { value: replacement, enumerable: true, writable: true, configurable: true });
    }
    return replacement;
  }
  const [step, ...rest] = steps;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = step % value.length;
    return value.map((child, j) => (j === i ? mutateJson(child, rest, replacement, addKey) : child));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length];
  return { ...(value as Record<string, unknown>), [key]: mutateJson((value as Record<string, unknown>)[key], rest, replacement, addKey) };
}

/** A JSON text mutation of a valid JSON text: a node replaced, a key added, or arbitrary text. */
export function mutatedJsonText(valid: string): fc.Arbitrary<string> {
  let parsed: unknown = valid; // a plain string value (such as `format`) is mutated as a JSON string
  try {
    parsed = JSON.parse(valid);
  } catch {
    // keep the string
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), hostileJson, fc.option(fc.constantFrom('__proto__', 'extra', 'constructor', '\u001b]0;title\u0007k', 'k'.repeat(300)), { nil: undefined }))
      .map(([steps, replacement, addKey]) => JSON.stringify(mutateJson(parsed, steps, replacement, addKey)) ?? 'null') },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
}
