/** `1 batch`, `2 batches`, `0 epochs`: a count with its noun in the right number (plural: `noun + 's'` unless given). */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}
