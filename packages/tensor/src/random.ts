/**
 * A seeded, splittable pseudo-random generator. Every random choice in clearprop goes through one.
 * Same seed ⇒ same sequence; `split()` derives an independent child stream without sharing state.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of randomness. */
  next(): number;
  /** Standard normal N(0, 1) (Box–Muller, no cached spare so the state stays four words). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new generator seeded from this one; advances this one. */
  split(): Rng;
  /** The internal state, four uint32 words; `restoreRng(state)` resumes the exact sequence. */
  state(): readonly number[];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates an Rng (sfc32 stream, seeded through splitmix32) from an integer seed. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  const mix = splitmix32(Math.trunc(seed));
  return restoreRng([mix(), mix(), mix(), mix()]);
}

/** Rebuilds an Rng from `rng.state()`; the two then produce identical sequences. */
export function restoreRng(state: readonly number[]): Rng {
  if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
    throw new RangeError(`restoreRng: expected four uint32 words, got [${state.join(', ')}]`);
  }
  // The four words live in a Uint32Array, not in closure variables: uint32 values above 2³¹ are not small
  // integers, so V8 would box a fresh heap number into the closure context on every draw.
  const s = Uint32Array.from(state);
  const nextU32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's small fast chaotic generator): passes PractRand, tiny state.
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t;
  };
  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    normal: () => {
      // 1 - u keeps log away from 0.
      const u = 1 - rng.next();
      const v = rng.next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    // nextU32 directly rather than through rng.next: the same value, one call fewer on the shuffle's hot path.
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    split: () => {
      const mix = splitmix32(nextU32() ^ Math.imul(nextU32(), 0x27d4eb2d));
      return restoreRng([mix(), mix(), mix(), mix()]);
    },
    state: () => [s[0], s[1], s[2], s[3]],
  };
  return rng;
}
