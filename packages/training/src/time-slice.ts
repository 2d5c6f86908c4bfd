const MAX_CLOCK_STRIDE = 256;

/** Decides when a loop on the main thread should give the event loop a turn. */
export interface TimeSlice {
  /** Starts a slice of `ms` from now. */
  start(): void;
  /** Call once per unit of work; true when the slice is used up. */
  due(): boolean;
}

/**
 * A time slice of `ms` that reads the clock only every `stride` calls: the stride doubles while reads come much
 * faster than the slice (a tiny net trains a batch in ~1 µs, a clock read costs ~50 ns) and halves when they come
 * slowly, so yields stay on time either way. The stride carries over from slice to slice.
 */
export function timeSlice(ms: number, now: () => number): TimeSlice {
  let stride = 1;
  let countdown = 1;
  let lastRead = 0;
  let deadline = 0;
  return {
    start() {
      lastRead = now();
      deadline = lastRead + ms;
      countdown = stride;
    },
    due() {
      if (--countdown > 0) return false;
      const t = now();
      stride = t - lastRead < ms / 32 ? Math.min(stride * 2, MAX_CLOCK_STRIDE) : Math.max(stride >> 1, 1);
      countdown = stride;
      lastRead = t;
      return t >= deadline;
    },
  };
}
