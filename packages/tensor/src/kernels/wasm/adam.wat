;; Adam's update of float32 buffers in WebAssembly SIMD128, written by hand (it is short) and compiled to
;; adam.wasm.ts by tools/gen-wasm-kernels.ts. Four elements per f32x4, the n mod 4 tail with the same operations
;; in scalar f32, so every element gets exactly the same arithmetic wherever it sits.
;;   μ ← b1·μ + (1−b1)·g;  ν ← b2·ν + (1−b2)·g²;  u ← (μ·inverse1) / (√(ν·inverse2) + eps);  g ← u·factor
;; everything in f32 except the last product, which is u (f32) times a float64 factor rounded once to f32: the
;; same number a separate float64 scaling pass over the stored u gives (the learning-rate step fused in).
;; g, mu, nu, s are byte offsets into the exported memory; s holds the f32 scalars
;; [b1, b2, eps, inverse1, inverse2, 1−b1, 1−b2, unused] then the f64 factor (inverse_i = 1/(1 − b_iᵗ)).
;; p ≠ 0: the offset of the params, which then also get p ← p + g (f32), the update applied in the same pass.
(module
  (memory (export "memory") 1)
  (func (export "adam") (param $g i32) (param $mu i32) (param $nu i32) (param $n i32) (param $s i32) (param $p i32)
    (local $i i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $b1 v128) (local $b2 v128) (local $eps v128) (local $inverse1 v128) (local $inverse2 v128)
    (local $factor v128) (local $a1 v128) (local $a2 v128) (local $u v128) (local $step v128)
    (local $gs f32) (local $ms f32) (local $vs f32) (local $steps f32)
    (local.set $b1 (v128.load32_splat offset=0 (local.get $s)))
    (local.set $b2 (v128.load32_splat offset=4 (local.get $s)))
    (local.set $eps (v128.load32_splat offset=8 (local.get $s)))
    (local.set $inverse1 (v128.load32_splat offset=12 (local.get $s)))
    (local.set $inverse2 (v128.load32_splat offset=16 (local.get $s)))
    (local.set $a1 (v128.load32_splat offset=20 (local.get $s)))
    (local.set $a2 (v128.load32_splat offset=24 (local.get $s)))
    (local.set $factor (v128.load64_splat offset=32 (local.get $s)))
    ;; byte offset of the end of the whole groups of 4
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
      (local.set $mv (f32x4.add (f32x4.mul (local.get $b1) (v128.load (i32.add (local.get $mu) (local.get $i))))
                                (f32x4.mul (local.get $a1) (local.get $gv))))
      (local.set $vv (f32x4.add (f32x4.mul (local.get $b2) (v128.load (i32.add (local.get $nu) (local.get $i))))
                                (f32x4.mul (f32x4.mul (local.get $a2) (local.get $gv)) (local.get $gv))))
      (v128.store (i32.add (local.get $mu) (local.get $i)) (local.get $mv))
      (v128.store (i32.add (local.get $nu) (local.get $i)) (local.get $vv))
      (local.set $u (f32x4.div (f32x4.mul (local.get $mv) (local.get $inverse1))
                               (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vv) (local.get $inverse2))) (local.get $eps))))
      ;; u·factor in f64, lanes 0–1 and 2–3, each rounded to f32, joined back into one vector
      (local.set $step
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (local.get $u)) (local.get $factor)))
          (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $u) (local.get $u))) (local.get $factor)))))
      (v128.store (i32.add (local.get $g) (local.get $i)) (local.get $step))
      (if (local.get $p) (then
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f32x4.add (v128.load (i32.add (local.get $p) (local.get $i))) (local.get $step)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tail_done (loop $tail
      (br_if $tail_done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
      (local.set $ms (f32.add (f32.mul (f32x4.extract_lane 0 (local.get $b1)) (f32.load (i32.add (local.get $mu) (local.get $i))))
                              (f32.mul (f32x4.extract_lane 0 (local.get $a1)) (local.get $gs))))
      (local.set $vs (f32.add (f32.mul (f32x4.extract_lane 0 (local.get $b2)) (f32.load (i32.add (local.get $nu) (local.get $i))))
                              (f32.mul (f32.mul (f32x4.extract_lane 0 (local.get $a2)) (local.get $gs)) (local.get $gs))))
      (f32.store (i32.add (local.get $mu) (local.get $i)) (local.get $ms))
      (f32.store (i32.add (local.get $nu) (local.get $i)) (local.get $vs))
      (local.set $steps
        (f32.demote_f64 (f64.mul
          (f64.promote_f32 (f32.div (f32.mul (local.get $ms) (f32x4.extract_lane 0 (local.get $inverse1)))
                   (f32.add (f32.sqrt (f32.mul (local.get $vs) (f32x4.extract_lane 0 (local.get $inverse2)))) (f32x4.extract_lane 0 (local.get $eps)))))
          (f64x2.extract_lane 0 (local.get $factor)))))
      (f32.store (i32.add (local.get $g) (local.get $i)) (local.get $steps))
      (if (local.get $p) (then
        (f32.store (i32.add (local.get $p) (local.get $i))
          (f32.add (f32.load (i32.add (local.get $p) (local.get $i))) (local.get $steps)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $tail)))))
