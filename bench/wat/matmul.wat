;; Dense f64 matrix multiply C = A * B over linear memory (n x n, row-major), with A and B filled
;; from a small integer pattern first. Returns the sum of C's diagonal. n <= 128.
(module
  (memory 8)
  ;; A at 0, B at n*n*8, C at 2*n*n*8
  (func (export "matmul") (param $n i32) (result f64)
    (local $i i32) (local $j i32) (local $k i32) (local $nn8 i32)
    (local $a i32) (local $b i32) (local $c i32) (local $sum f64) (local $trace f64)
    (local.set $nn8 (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 3)))
    (local.set $b (local.get $nn8))
    (local.set $c (i32.shl (local.get $nn8) (i32.const 1)))
    ;; fill A[i] = i % 7, B[i] = i % 5 (as f64)
    (local.set $i (i32.const 0))
    (block $fdone (loop $fill
      (br_if $fdone (i32.ge_u (i32.shl (local.get $i) (i32.const 3)) (local.get $nn8)))
      (f64.store (i32.shl (local.get $i) (i32.const 3))
        (f64.convert_i32_u (i32.rem_u (local.get $i) (i32.const 7))))
      (f64.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))
        (f64.convert_i32_u (i32.rem_u (local.get $i) (i32.const 5))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fill)))
    (local.set $i (i32.const 0))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $sum (f64.const 0))
        (local.set $k (i32.const 0))
        (block $kdone (loop $kloop
          (br_if $kdone (i32.ge_u (local.get $k) (local.get $n)))
          (local.set $sum (f64.add (local.get $sum)
            (f64.mul
              (f64.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
              (f64.load (i32.add (local.get $b)
                (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop)))
        (f64.store (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3)))
          (local.get $sum))
        (if (i32.eq (local.get $i) (local.get $j))
          (then (local.set $trace (f64.add (local.get $trace) (local.get $sum)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iloop)))
    (local.get $trace)))
