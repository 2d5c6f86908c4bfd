#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Generates the WebAssembly SIMD128 GEMM of @clearprop/tensor: writes packages/tensor/src/kernels/wasm/gemm.wat
// and gemm-shared.wat (the same code on an imported shared memory, for the 2-thread mode) and compiles them with
// wabt into gemm.wasm.ts and gemm-shared.wasm.ts (base64), so the package has no runtime dependency; compiles the
// hand-written adam.wat into adam.wasm.ts the same way.
// Usage: ./tools/gen-wasm-kernels.ts            regenerate all four files
//        ./tools/gen-wasm-kernels.ts --check    exit 1 if the committed files differ from what would be generated
//        GEMM_TILES=4x12u4,5x8u1 GEMM_KC=384 ./tools/gen-wasm-kernels.ts   other candidate tiles (mr×nr, k unroll), for experiments
import { readFile, writeFile } from 'node:fs/promises';
import wabt from 'wabt';
import { toolArgs } from './tool-args.ts';

const check = toolArgs({
  name: 'gen-wasm-kernels',
  usage: 'usage: ./tools/gen-wasm-kernels.ts [--check] [-h | --help]',
  help: `Writes packages/tensor/src/kernels/wasm/{gemm,gemm-shared}.wat and their .wasm.ts (base64) from the generator.
  --check   write nothing; exit 1 if a committed file differs from what would be generated
Environment: GEMM_MR, GEMM_NR, GEMM_UNROLL, GEMM_MC, GEMM_KC, GEMM_NC override the blocking (experiments).`,
  options: { check: { type: 'boolean' } },
}, ({ values }) => values.check === true);

/** One register tile and its cache blocking; the module carries several and the JS side picks one per machine. */
interface Tile {
  /** Rows of the micro-tile (A values broadcast per k step). */
  readonly mr: number;
  /** Columns of the micro-tile, a multiple of 4 (f32x4 lanes). */
  readonly nr: number;
  /** k steps per micro-kernel loop iteration. */
  readonly unroll: number;
  /** Rows of A packed at once (multiple of mr): the packed A block stays in L2. */
  readonly mc: number;
  /** Columns of B packed at once (multiple of nr). */
  readonly nc: number;
}

/** What one micro-kernel, driver and packers are generated from: a tile plus the depth block all tiles share. */
interface Blocking extends Tile {
  /** Depth of one packed block: a B micro-panel (kc × nr) stays in L1. */
  readonly kc: number;
}

const envInt = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/**
 * The depth block, shared by every tile: each element of C is summed over p in order within a depth block and the
 * blocks are added in order, whatever the tile, so all tiles give bit-identical results only because kc is one.
 */
const KC = envInt('GEMM_KC', 384);

/** `${mr}x${nr}u${unroll}` → a tile with the largest mc ≤ 128 and nc ≤ 2400 its shape divides. */
function parseTile(spec: string): Tile {
  const match = /^(\d+)x(\d+)u(\d+)$/.exec(spec);
  if (match === null) throw new Error(`GEMM_TILES: expected tiles like 5x8u1, got "${spec}"`);
  const [mr, nr, unroll] = match.slice(1).map(Number);
  return { mr, nr, unroll, mc: Math.floor(128 / mr) * mr, nc: Math.floor(2400 / nr) * nr };
}

/**
 * The candidates (see kernels/wasm/README.md for the measurements). V8 on x64 allocates 15 vector registers and a
 * tile needs mr·nr/4 accumulators + nr/4 B vectors + an A splat + a product temporary: 4×12 (17) spills there
 * but was the best on Zen 3; 5×8 and 2×16 (14 each) fit, and win on Zen 5. Unroll 1 for those: V8 hoists the
 * loads of an unrolled body ahead of the arithmetic, which spills again.
 */
const TILES: readonly Tile[] = (process.env.GEMM_TILES ?? '4x12u4,5x8u1,2x16u1').split(',').map(parseTile);

const tileName = ({ mr, nr }: Tile): string => `${mr}x${nr}`;

const get = (name: string): string => `(local.get $${name})`;
const set = (name: string, value: string): string => `(local.set $${name} ${value})`;
const i32 = (value: number): string => `(i32.const ${value})`;
const add = (x: string, y: string): string => `(i32.add ${x} ${y})`;
const mul = (x: string, y: string): string => `(i32.mul ${x} ${y})`;
const min = (x: string, y: string): string => `(select ${x} ${y} (i32.lt_u ${x} ${y}))`;
const locals = (type: string, names: readonly string[]): string => names.map((name) => `(local $${name} ${type})`).join(' ');

/** `for (v = start; v < end; v += step) body` over i32 locals; each loop variable must be unique per function. */
function forLoop(v: string, start: string, end: string, step: string, body: readonly string[]): string[] {
  return [
    set(v, start),
    `(block $break_${v} (loop $next_${v}`,
    `  (br_if $break_${v} (i32.ge_u ${get(v)} ${end}))`,
    ...body.map((line) => `  ${line}`),
    `  ${set(v, add(get(v), step))}`,
    `  (br $next_${v})))`,
  ];
}

/**
 * The mr × nr register tile: acc[r][v] += splat(a[p·mr + r]) · b[p·nr + 4v .. +4] over p < kc, then
 * stores (or adds) the tile into c with row stride ldc bytes. a and b are packed micro-panels.
 */
function microKernel({ mr, nr, unroll }: Tile): string {
  const vectors = nr / 4;
  const acc = (r: number, v: number): string => `c${r}_${v}`;
  const accNames = Array.from({ length: mr * vectors }, (_, index) => acc(Math.floor(index / vectors), index % vectors));
  const bNames = Array.from({ length: vectors }, (_, v) => `b${v}`);
  const step = (u: number): string[] => {
    const lines = bNames.map((name, v) => set(name, `(v128.load offset=${(u * nr + v * 4) * 4} ${get('pb')})`));
    for (let r = 0; r < mr; r++) {
      lines.push(set('av', `(v128.load32_splat offset=${(u * mr + r) * 4} ${get('pa')})`));
      for (let v = 0; v < vectors; v++) {
        lines.push(set(acc(r, v), `(f32x4.add ${get(acc(r, v))} (f32x4.mul ${get('av')} ${get(bNames[v])}))`));
      }
    }
    return lines;
  };
  const advance = (steps: number): string[] => [
    set('pa', add(get('pa'), i32(steps * mr * 4))),
    set('pb', add(get('pb'), i32(steps * nr * 4))),
  ];
  const store = (accumulate: boolean): string[] => accNames.map((name, index) => {
    const r = Math.floor(index / vectors);
    const offset = (index % vectors) * 16;
    const address = add(get('c'), mul(get('ldc'), i32(r)));
    const value = accumulate ? `(f32x4.add (v128.load offset=${offset} ${address}) ${get(name)})` : get(name);
    return `(v128.store offset=${offset} ${address} ${value})`;
  });
  const indent = (lines: readonly string[], depth: number): string => lines.map((line) => `${'  '.repeat(depth)}${line}`).join('\n');
  return `  (func $kernel_${mr}x${nr} (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32) (param $accumulate i32)
    (local $p i32) (local $av v128) ${locals('v128', bNames)}
    ${locals('v128', accNames)}
    (local.set $p (i32.div_u ${get('kc')} ${i32(unroll)}))
    (if ${get('p')} (then (loop $main
${indent(Array.from({ length: unroll }, (_, u) => step(u)).flat(), 3)}
${indent(advance(unroll), 3)}
      (local.set $p (i32.sub ${get('p')} ${i32(1)}))
      (br_if $main ${get('p')}))))
    (local.set $p (i32.rem_u ${get('kc')} ${i32(unroll)}))
    (if ${get('p')} (then (loop $rest
${indent(step(0), 3)}
${indent(advance(1), 3)}
      (local.set $p (i32.sub ${get('p')} ${i32(1)}))
      (br_if $rest ${get('p')}))))
    (if ${get('accumulate')}
      (then
${indent(store(true), 4)})
      (else
${indent(store(false), 4)})))`;
}

/** The 4×4 transpose of rows x0..x3 into columns t0..t3 as lane shuffles (unpack low/high, then move 64-bit halves). */
function transpose4(): string[] {
  const lanes = (indices: readonly number[]): string => indices.flatMap((lane) => [0, 1, 2, 3].map((byte) => lane * 4 + byte)).join(' ');
  const shuffle = (x: string, y: string, indices: readonly number[]): string => `(i8x16.shuffle ${lanes(indices)} ${get(x)} ${get(y)})`;
  return [
    set('t0', shuffle('x0', 'x1', [0, 4, 1, 5])),
    set('t1', shuffle('x0', 'x1', [2, 6, 3, 7])),
    set('t2', shuffle('x2', 'x3', [0, 4, 1, 5])),
    set('t3', shuffle('x2', 'x3', [2, 6, 3, 7])),
    set('x0', shuffle('t0', 't2', [0, 1, 4, 5])),
    set('x1', shuffle('t0', 't2', [2, 3, 6, 7])),
    set('x2', shuffle('t1', 't3', [0, 1, 4, 5])),
    set('x3', shuffle('t1', 't3', [2, 3, 6, 7])),
  ];
}

/**
 * Packs `count` rows × kc of a matrix whose element (r, p) is at src + r·ld + 4p (p contiguous) into
 * width-wide panels: dst[panel][p][r], rows past count zero-filled. Packs row-major A and transposed B.
 * Whole groups of 4 rows move as 4×4 SIMD transposes; the k remainder and partial groups (the rows past count,
 * or past a multiple of 4 in a width like 5) go element by element.
 */
function packGather(width: number): string {
  const simdGroup = [
    set('s', add(get('src'), mul(add(get('i'), get('g')), get('ld')))),
    set('d', add(get('dst'), mul(get('g'), i32(4)))),
    ...forLoop('p', i32(0), get('kc4'), i32(4), [
      ...[0, 1, 2, 3].map((r) => set(`x${r}`, `(v128.load ${r === 0 ? get('s') : add(get('s'), mul(get('ld'), i32(r)))})`)),
      ...transpose4(),
      ...[0, 1, 2, 3].map((t) => `(v128.store offset=${t * width * 4} ${get('d')} ${get(`x${t}`)})`),
      set('s', add(get('s'), i32(16))),
      set('d', add(get('d'), i32(16 * width))),
    ]),
    set('start', get('kc4')),
  ];
  const rowTail = forLoop('r', get('g'), min(add(get('g'), i32(4)), i32(width)), i32(1), [
    set('d', add(get('dst'), mul(add(get('r'), mul(get('start'), i32(width))), i32(4)))),
    `(if (i32.lt_u ${add(get('i'), get('r'))} ${get('count')})`,
    `  (then ${set('s', add(get('src'), add(mul(add(get('i'), get('r')), get('ld')), mul(get('start'), i32(4)))))}`,
    ...forLoop('q', get('start'), get('kc'), i32(1), [
      `(f32.store ${get('d')} (f32.load ${get('s')}))`,
      set('s', add(get('s'), i32(4))),
      set('d', add(get('d'), i32(width * 4))),
    ]).map((line) => `    ${line}`),
    `  )`,
    `  (else`,
    ...forLoop('z', get('start'), get('kc'), i32(1), [
      `(f32.store ${get('d')} (f32.const 0))`,
      set('d', add(get('d'), i32(width * 4))),
    ]).map((line) => `    ${line}`),
    `  ))`,
  ]);
  const body = [
    set('kc4', `(i32.and ${get('kc')} ${i32(-4)})`),
    ...forLoop('i', i32(0), get('count'), i32(width), [
      ...forLoop('g', i32(0), i32(width), i32(4), [
        set('start', i32(0)),
        `(if (i32.and (i32.le_u ${add(get('i'), add(get('g'), i32(4)))} ${get('count')}) (i32.le_u ${add(get('g'), i32(4))} ${i32(width)})) (then`,
        ...simdGroup.map((line) => `  ${line}`),
        `))`,
        ...rowTail,
      ]),
      set('dst', add(get('dst'), mul(get('kc'), i32(width * 4)))),
    ]),
  ];
  return `  (func $gather${width} (param $src i32) (param $ld i32) (param $count i32) (param $kc i32) (param $dst i32)
    ${locals('i32', ['i', 'g', 'r', 'p', 'q', 'z', 's', 'd', 'kc4', 'start'])} ${locals('v128', ['x0', 'x1', 'x2', 'x3', 't0', 't1', 't2', 't3'])}
${body.map((line) => `    ${line}`).join('\n')})`;
}

/**
 * Packs `count` columns × kc of a matrix whose element (r, p) is at src + p·ld + 4r (r contiguous) into
 * width-wide panels: dst[panel][p][r], columns past count zero-filled. Packs row-major B and transposed A.
 */
function packContiguous(width: number): string {
  const copyFull: string[] = [];
  for (let r = 0; r + 4 <= width; r += 4) copyFull.push(`(v128.store offset=${r * 4} ${get('d')} (v128.load offset=${r * 4} ${get('s')}))`);
  for (let r = width - (width % 4); r < width; r++) copyFull.push(`(f32.store offset=${r * 4} ${get('d')} (f32.load offset=${r * 4} ${get('s')}))`);
  const copyPartial = Array.from({ length: width }, (_, r) =>
    `(f32.store offset=${r * 4} ${get('d')} (if (result f32) (i32.lt_u ${i32(r)} ${get('rows')}) (then (f32.load offset=${r * 4} ${get('s')})) (else (f32.const 0))))`);
  const walk = (v: string, copy: readonly string[]): string[] => [
    set('s', add(get('src'), mul(get('i'), i32(4)))),
    set('d', get('dst')),
    ...forLoop(v, i32(0), get('kc'), i32(1), [
      ...copy,
      set('s', add(get('s'), get('ld'))),
      set('d', add(get('d'), i32(width * 4))),
    ]),
  ];
  const body = forLoop('i', i32(0), get('count'), i32(width), [
    set('rows', `(i32.sub ${get('count')} ${get('i')})`),
    `(if (i32.ge_u ${get('rows')} ${i32(width)})`,
    `  (then`,
    ...walk('p', copyFull).map((line) => `    ${line}`),
    `  )`,
    `  (else`,
    ...walk('q', copyPartial).map((line) => `    ${line}`),
    `  ))`,
    set('dst', add(get('dst'), mul(get('kc'), i32(width * 4)))),
  ]);
  return `  (func $contiguous${width} (param $src i32) (param $ld i32) (param $count i32) (param $kc i32) (param $dst i32)
    ${locals('i32', ['i', 'p', 'q', 's', 'd', 'rows'])}
${body.map((line) => `    ${line}`).join('\n')})`;
}

/** Adds or stores the valid mr × nr corner of a full scratch tile (row stride `stride` floats) into c. */
function edgeStore(): string {
  const address = add(get('c'), add(mul(get('r'), get('ldc')), mul(get('j'), i32(4))));
  const tile = `(f32.load ${add(get('tile'), mul(add(mul(get('r'), get('stride')), get('j')), i32(4)))})`;
  const body = forLoop('r', i32(0), get('mr'), i32(1), forLoop('j', i32(0), get('nr'), i32(1), [
    `(f32.store ${address} (if (result f32) ${get('accumulate')} (then (f32.add (f32.load ${address}) ${tile})) (else ${tile})))`,
  ]));
  return `  (func $edge (param $tile i32) (param $stride i32) (param $c i32) (param $ldc i32) (param $mr i32) (param $nr i32) (param $accumulate i32)
    ${locals('i32', ['r', 'j'])}
${body.map((line) => `    ${line}`).join('\n')})`;
}

/**
 * The Goto/BLIS loop nest: for each nc column block and kc depth block pack B, for each mc row block pack A,
 * then sweep micro-tiles (jr outer so one B micro-panel stays in L1 across the A block).
 * op(A)(i, p) = transA ? a[p·lda + i] : a[i·lda + p];  op(B)(p, j) = transB ? b[j·ldb + p] : b[p·ldb + j];
 * c(i, j) = c[i·ldc + j].
 */
function driver({ mr, nr, mc, kc, nc }: Blocking): string {
  const kernel = `$kernel_${mr}x${nr}`;
  const bytes = (x: string): string => mul(x, i32(4));
  const packB = `(if ${get('transB')}
  (then (call $gather${nr} ${add(get('b'), bytes(add(mul(get('jc'), get('ldb')), get('pc'))))} ${bytes(get('ldb'))} ${get('ncb')} ${get('kcb')} ${get('packB')}))
  (else (call $contiguous${nr} ${add(get('b'), bytes(add(mul(get('pc'), get('ldb')), get('jc'))))} ${bytes(get('ldb'))} ${get('ncb')} ${get('kcb')} ${get('packB')})))`;
  const packA = `(if ${get('transA')}
  (then (call $contiguous${mr} ${add(get('a'), bytes(add(mul(get('pc'), get('lda')), get('ic'))))} ${bytes(get('lda'))} ${get('mcb')} ${get('kcb')} ${get('packA')}))
  (else (call $gather${mr} ${add(get('a'), bytes(add(mul(get('ic'), get('lda')), get('pc'))))} ${bytes(get('lda'))} ${get('mcb')} ${get('kcb')} ${get('packA')})))`;
  const tile = [
    set('mrb', min(i32(mr), `(i32.sub ${get('mcb')} ${get('ir')})`)),
    set('pa', add(get('packA'), bytes(mul(get('ir'), get('kcb'))))),
    set('cp', add(get('c'), bytes(add(mul(add(get('ic'), get('ir')), get('ldc')), add(get('jc'), get('jr')))))),
    `(if (i32.and (i32.eq ${get('mrb')} ${i32(mr)}) (i32.eq ${get('nrb')} ${i32(nr)}))`,
    `  (then (call ${kernel} ${get('pa')} ${get('pb')} ${get('kcb')} ${get('cp')} ${bytes(get('ldc'))} ${get('accumulate')}))`,
    `  (else (call ${kernel} ${get('pa')} ${get('pb')} ${get('kcb')} ${get('scratch')} ${i32(nr * 4)} ${i32(0)})`,
    `        (call $edge ${get('scratch')} ${i32(nr)} ${get('cp')} ${bytes(get('ldc'))} ${get('mrb')} ${get('nrb')} ${get('accumulate')})))`,
  ];
  // Equal depth blocks (784 → 3 × 262 rather than 384 + 384 + 16) so no block is a short, overhead-bound sliver.
  const kstep = set('kstep', `(i32.div_u (i32.add ${get('k')} (i32.sub ${get('blocks')} ${i32(1)})) ${get('blocks')})`);
  const blocks = set('blocks', `(i32.div_u ${add(get('k'), i32(kc - 1))} ${i32(kc)})`);
  const body = [blocks, kstep, ...forLoop('jc', i32(0), get('n'), i32(nc), [
    set('ncb', min(i32(nc), `(i32.sub ${get('n')} ${get('jc')})`)),
    ...forLoop('pc', i32(0), get('k'), get('kstep'), [
      set('kcb', min(get('kstep'), `(i32.sub ${get('k')} ${get('pc')})`)),
      set('accumulate', `(i32.ne ${get('pc')} ${i32(0)})`),
      packB,
      ...forLoop('ic', i32(0), get('m'), i32(mc), [
        set('mcb', min(i32(mc), `(i32.sub ${get('m')} ${get('ic')})`)),
        packA,
        ...forLoop('jr', i32(0), get('ncb'), i32(nr), [
          set('nrb', min(i32(nr), `(i32.sub ${get('ncb')} ${get('jr')})`)),
          set('pb', add(get('packB'), bytes(mul(get('jr'), get('kcb'))))),
          ...forLoop('ir', i32(0), get('mcb'), i32(mr), tile),
        ]),
      ]),
    ]),
  ])];
  const params = ['transA', 'transB', 'm', 'k', 'n', 'a', 'lda', 'b', 'ldb', 'c', 'ldc', 'packA', 'packB', 'scratch'].map((name) => `(param $${name} i32)`).join(' ');
  return `  ;; c[m×n] = op(A)·op(B) with the ${mr}×${nr} tile; a, b, c, packA, packB, scratch are byte offsets, lda, ldb, ldc
  ;; row strides in elements of the stored A, B and C (so a sub-block of a larger product can be computed); k > 0.
  (func (export "gemm_${mr}x${nr}") ${params}
    ${locals('i32', ['blocks', 'kstep', 'jc', 'pc', 'ic', 'jr', 'ir', 'ncb', 'kcb', 'mcb', 'nrb', 'mrb', 'accumulate', 'pa', 'pb', 'cp'])}
${body.map((line) => `    ${line}`).join('\n')})`;
}

/** Pages of the shared memory's maximum: 2 GiB less one page, so i32 byte offsets cannot wrap. */
const SHARED_MAX_PAGES = 32767;

/**
 * The whole module text: every tile's micro-kernel and driver (exported as `gemm_<mr>x<nr>`, with its blocking as
 * the globals `mc_<mr>x<nr>` and `nc_<mr>x<nr>`, and the shared `kc`), the packers for each panel width, one edge
 * store. `shared`: the module imports `env.memory` as a shared memory (for splitting one product between threads,
 * each with its own instance) instead of defining and exporting its own; the code is identical.
 */
function moduleText(tiles: readonly Tile[], kc: number, shared: boolean): string {
  const names = tiles.map(tileName);
  for (const tile of tiles) {
    const { nr, mc, nc } = tile;
    if (nr % 4 !== 0 || mc % tile.mr !== 0 || nc % nr !== 0) throw new Error(`inconsistent blocking ${JSON.stringify(tile)}`);
  }
  if (new Set(names).size !== names.length) throw new Error(`two tiles share a shape: ${names.join(', ')}`);
  const widths = [...new Set(tiles.flatMap(({ mr, nr }) => [mr, nr]))].sort((a, b) => a - b);
  const globals = [
    `  (global (export "kc") i32 (i32.const ${kc}))`,
    ...tiles.flatMap((tile) => (['mc', 'nc'] as const).map((name) => `  (global (export "${name}_${tileName(tile)}") i32 (i32.const ${tile[name]}))`)),
  ];
  const memory = shared ? `(import "env" "memory" (memory 1 ${SHARED_MAX_PAGES} shared))` : '(memory (export "memory") 1)';
  return `;; Generated by tools/gen-wasm-kernels.ts; edit the generator, not this file.
;; SIMD128 GEMM for row-major float32: packed panels, register tiles ${tiles.map(({ mr, nr, unroll }) => `${mr}×${nr} (k unroll ${unroll})`).join(', ')}
;; (f32x4.mul + f32x4.add), blocking kc=${kc}, ${tiles.map((tile) => `mc=${tile.mc} nc=${tile.nc} for ${tileName(tile)}`).join(', ')}.${shared ? '\n;; Shared-memory variant (imports env.memory) for the 2-thread mode; otherwise identical to gemm.wat.' : ''}
(module
  ${memory}
${globals.join('\n')}
${tiles.map(microKernel).join('\n')}
${widths.flatMap((width) => [packGather(width), packContiguous(width)]).join('\n')}
${edgeStore()}
${tiles.map((tile) => driver({ ...tile, kc })).join('\n')})
`;
}

const here = new URL('../packages/tensor/src/kernels/wasm/', import.meta.url);
const lib = await wabt();

/** The .wasm.ts source (base64 constant `constant`) of a module text. */
function compile(wat: string, shared: boolean, watName: string, constant: string, what: string): { wat: string; ts: string; bytes: number } {
  const module = lib.parseWat(watName, wat, { simd: true, threads: shared });
  try {
    const binary = module.toBinary({}).buffer;
    const chunks = Buffer.from(binary).toString('base64').match(/.{1,100}/g) ?? [];
    const ts = `// Generated by tools/gen-wasm-kernels.ts from ${watName}; do not edit.

/** ${watName.replace('.wat', '.wasm')} (${binary.length} bytes)${what} base64-encoded so the package needs no loader or runtime dependency. */
export const ${constant} =
${chunks.map((chunk) => `  '${chunk}'`).join(' +\n')};
`;
    return { wat, ts, bytes: binary.length };
  } finally {
    module.destroy();
  }
}

// adam.wat is written by hand (one short function), so only its binary is generated.
const adamWat = await readFile(new URL('adam.wat', here), 'utf8');
const outputs = [
  { name: 'gemm', ...compile(moduleText(TILES, KC, false), false, 'gemm.wat', 'GEMM_WASM_BASE64', ',') },
  { name: 'gemm-shared', ...compile(moduleText(TILES, KC, true), true, 'gemm-shared.wat', 'GEMM_SHARED_WASM_BASE64', ', the shared-memory variant for the 2-thread mode,') },
  { name: 'adam', ...compile(adamWat, false, 'adam.wat', 'ADAM_WASM_BASE64', ', Adam\'s float32 update,') },
].flatMap(({ name, wat, ts, bytes }) => [
  ...(name === 'adam' ? [] : [{ file: `${name}.wat`, text: wat, bytes }]),
  { file: `${name}.wasm.ts`, text: ts, bytes },
]);

if (check) {
  const old = await Promise.all(outputs.map(({ file }) => readFile(new URL(file, here), 'utf8').catch(() => '')));
  const stale = outputs.filter(({ text }, i) => old[i] !== text).map(({ file }) => file);
  console.log(stale.length === 0 ? 'wasm kernels up to date' : `stale: ${stale.join(', ')}; run ./tools/gen-wasm-kernels.ts`);
  process.exitCode = stale.length === 0 ? 0 : 1;
} else {
  await Promise.all(outputs.map(({ file, text }) => writeFile(new URL(file, here), text)));
  console.log(`wrote ${outputs.map(({ file, text, bytes }) => file.endsWith('.wat') ? `${file} (${text.length} chars)` : `${file} (${bytes} bytes)`).join(', ')}, tiles ${JSON.stringify(TILES)}, kc ${KC}`);
}
