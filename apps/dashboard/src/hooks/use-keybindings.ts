import { useInput, useStdin, type Key } from 'ink';

/**
 * Calls `handler` for each key press, but only when stdin supports raw mode: Ink's useInput throws otherwise,
 * and `isRawModeSupported` is undefined (not false) on a pipe, hence the `=== true`.
 */
export function useKeybindings(handler: (input: string, key: Key) => void): void {
  const { isRawModeSupported } = useStdin();
  useInput(handler, { isActive: isRawModeSupported === true });
}
