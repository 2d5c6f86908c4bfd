/// <reference lib="dom" />
// The WASM SIMD128 arithmetic ceiling of this machine for the bench's W3 `ceiling` case: independent f32x4
// multiply and add chains held in registers, no memory traffic, the most a mul + add GEMM kernel could reach.

/** One measured chain layout. */
export interface CeilingResult {
  /** The highest median rate over the layouts tried, in GFLOP/s (one f32x4 mul or add = 4 FLOP), by wall clock. */
  readonly gflops: number;
  /** The same layout's median by CPU time (a busy machine inflates it less). */
  readonly cpuGflops: number;
  /** The layout that reached it, e.g. `12 mul→add chains`. */
  readonly layout: string;
}

interface Layout {
  readonly name: string;
  readonly muls: number;
  readonly adds: number;
  /** Chains of acc ← acc·m + c (a mul then an add each), or separate mul-only and add-only chains. */
  readonly fused: boolean;
}

// How many chains it takes to fill the pipes depends on the latencies and the vector registers the engine may
// allocate (15 on x64 V8), so several layouts are tried: too few chains leave pipes idle, too many spill.
const LAYOUTS: readonly Layout[] = [
  ...[8, 10, 12, 13].map((chains) => ({ name: `${chains} mul→add chains`, muls: chains, adds: chains, fused: true })),
  ...[[6, 6], [7, 7], [8, 6], [6, 8]].map(([muls, adds]) => ({ name: `${muls} mul + ${adds} add chains`, muls, adds, fused: false })),
];

function moduleText({ muls, adds, fused }: Layout): string {
  const names = fused ? Array.from({ length: muls }, (_, i) => `c${i}`) : [...Array.from({ length: muls }, (_, i) => `m${i}`), ...Array.from({ length: adds }, (_, i) => `a${i}`)];
  const get = (name: string): string => `(local.get $${name})`;
  const step = (name: string): string => {
    if (fused) return `(local.set $${name} (f32x4.add (f32x4.mul ${get(name)} ${get('k')}) ${get('one')}))`;
    return `(local.set $${name} (${name.startsWith('m') ? 'f32x4.mul' : 'f32x4.add'} ${get(name)} ${get('k')}))`;
  };
  // Interleave the two kinds so both pipes are fed from the start of each iteration.
  const body = fused ? names.map(step) : Array.from({ length: Math.max(muls, adds) }, (_, i) => [i < muls ? step(`m${i}`) : '', i < adds ? step(`a${i}`) : '']).flat().filter(Boolean);
  const sum = names.slice(1).reduce((total, name) => `(f32x4.add ${total} ${get(name)})`, get(names[0]));
  // k = 0.5 keeps the fused chains bounded (x → x/2 + 1 → 2); 1 + 2⁻²³ keeps the mul/add chains finite over 10⁹ steps.
  return `(module (func (export "run") (param $iterations i32) (result f32)
  (local $k v128) (local $one v128) ${names.map((name) => `(local $${name} v128)`).join(' ')}
  (local.set $k (f32x4.splat (f32.const ${fused ? 0.5 : 1.00000012})))
  (local.set $one (f32x4.splat (f32.const 1)))
  ${names.map((name, i) => `(local.set $${name} (f32x4.splat (f32.const ${i + 1})))`).join('\n  ')}
  (loop $next
    ${body.join('\n    ')}
    (local.set $iterations (i32.sub ${get('iterations')} (i32.const 1)))
    (br_if $next ${get('iterations')}))
  (f32x4.extract_lane 0 ${sum})))`;
}

/** FLOP per loop iteration of a layout. */
const flopPerIteration = ({ muls, adds, fused }: Layout): number => (fused ? 2 * muls : muls + adds) * 4;

/**
 * Measures every layout: the median over `runs` timed calls of about `flopPerRun` FLOP each (after one warm-up
 * call), and returns the best layout's median.
 */
export async function measureCeiling(runs: number, flopPerRun: number, cpuTime: () => number): Promise<CeilingResult> {
  // Imported here, not at the top: the bench's memory children load this file and must not carry wabt.
  const lib = await (await import('wabt')).default();
  let best: CeilingResult = { gflops: 0, cpuGflops: 0, layout: '' };
  for (const layout of LAYOUTS) {
    const parsed = lib.parseWat('ceiling.wat', moduleText(layout), { simd: true });
    const bytes = new Uint8Array(parsed.toBinary({}).buffer); // an ArrayBuffer-backed copy, as WebAssembly.Module wants
    parsed.destroy();
    const run = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run as (iterations: number) => number;
    const iterations = Math.max(1, Math.round(flopPerRun / flopPerIteration(layout)));
    run(iterations);
    const flop = iterations * flopPerIteration(layout);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const [t0, c0] = [performance.now(), cpuTime()];
      run(iterations);
      wall.push(flop / ((performance.now() - t0) * 1e6));
      cpu.push(flop / ((cpuTime() - c0) * 1e9));
    }
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rate = median(wall);
    if (rate > best.gflops) best = { gflops: rate, cpuGflops: median(cpu), layout: layout.name };
  }
  return best;
}
