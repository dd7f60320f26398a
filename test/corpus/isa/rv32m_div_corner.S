/* RV32M division corner cases: div divu rem remu, including division by zero (quotient all
   ones, remainder = dividend), signed overflow INT_MIN / -1 (quotient INT_MIN, remainder 0),
   truncation toward zero and remainder sign following the dividend. */
#include "corpus.S"
#include "corpus_trap.S"
#define s_zero zero
#define s_one s1
#define s_m1 s2
#define s_min s3
#define s_max s4
#define s_a s5
#define s_b s6
#define s_c s7
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li s1, 1
  li s2, -1
  li s3, 0x80000000
  li s4, 0x7fffffff
  li s5, 0x12345678
  li s6, 0x9abcdef0
  li s7, 0xfffe0003
  mv a1, s_a; mv a2, s_b
  div a0, a1, a2;  CHECK div_a_b, a0, 0x00000000
  divu a0, a1, a2; CHECK divu_a_b, a0, 0x00000000
  rem a0, a1, a2;  CHECK rem_a_b, a0, 0x12345678
  remu a0, a1, a2; CHECK remu_a_b, a0, 0x12345678
  mv a1, s_b; mv a2, s_a
  div a0, a1, a2;  CHECK div_b_a, a0, 0xfffffffb
  divu a0, a1, a2; CHECK divu_b_a, a0, 0x00000008
  rem a0, a1, a2;  CHECK rem_b_a, a0, 0xf5c28f48
  remu a0, a1, a2; CHECK remu_b_a, a0, 0x091a2b30
  mv a1, s_a; mv a2, s_zero
  div a0, a1, a2;  CHECK div_a_zero, a0, 0xffffffff
  divu a0, a1, a2; CHECK divu_a_zero, a0, 0xffffffff
  rem a0, a1, a2;  CHECK rem_a_zero, a0, 0x12345678
  remu a0, a1, a2; CHECK remu_a_zero, a0, 0x12345678
  mv a1, s_b; mv a2, s_zero
  div a0, a1, a2;  CHECK div_b_zero, a0, 0xffffffff
  divu a0, a1, a2; CHECK divu_b_zero, a0, 0xffffffff
  rem a0, a1, a2;  CHECK rem_b_zero, a0, 0x9abcdef0
  remu a0, a1, a2; CHECK remu_b_zero, a0, 0x9abcdef0
  mv a1, s_zero; mv a2, s_zero
  div a0, a1, a2;  CHECK div_zero_zero, a0, 0xffffffff
  divu a0, a1, a2; CHECK divu_zero_zero, a0, 0xffffffff
  rem a0, a1, a2;  CHECK rem_zero_zero, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_zero_zero, a0, 0x00000000
  mv a1, s_min; mv a2, s_m1
  div a0, a1, a2;  CHECK div_min_m1, a0, 0x80000000
  divu a0, a1, a2; CHECK divu_min_m1, a0, 0x00000000
  rem a0, a1, a2;  CHECK rem_min_m1, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_min_m1, a0, 0x80000000
  mv a1, s_min; mv a2, s_one
  div a0, a1, a2;  CHECK div_min_one, a0, 0x80000000
  divu a0, a1, a2; CHECK divu_min_one, a0, 0x80000000
  rem a0, a1, a2;  CHECK rem_min_one, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_min_one, a0, 0x00000000
  mv a1, s_m1; mv a2, s_m1
  div a0, a1, a2;  CHECK div_m1_m1, a0, 0x00000001
  divu a0, a1, a2; CHECK divu_m1_m1, a0, 0x00000001
  rem a0, a1, a2;  CHECK rem_m1_m1, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_m1_m1, a0, 0x00000000
  mv a1, s_min; mv a2, s_min
  div a0, a1, a2;  CHECK div_min_min, a0, 0x00000001
  divu a0, a1, a2; CHECK divu_min_min, a0, 0x00000001
  rem a0, a1, a2;  CHECK rem_min_min, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_min_min, a0, 0x00000000
  mv a1, s_m1; mv a2, s_min
  div a0, a1, a2;  CHECK div_m1_min, a0, 0x00000000
  divu a0, a1, a2; CHECK divu_m1_min, a0, 0x00000001
  rem a0, a1, a2;  CHECK rem_m1_min, a0, 0xffffffff
  remu a0, a1, a2; CHECK remu_m1_min, a0, 0x7fffffff
  mv a1, s_max; mv a2, s_m1
  div a0, a1, a2;  CHECK div_max_m1, a0, 0x80000001
  divu a0, a1, a2; CHECK divu_max_m1, a0, 0x00000000
  rem a0, a1, a2;  CHECK rem_max_m1, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_max_m1, a0, 0x7fffffff
  mv a1, s_b; mv a2, s_c
  div a0, a1, a2;  CHECK div_b_c, a0, 0x000032a1
  divu a0, a1, a2; CHECK divu_b_c, a0, 0x00000000
  rem a0, a1, a2;  CHECK rem_b_c, a0, 0xfffe470d
  remu a0, a1, a2; CHECK remu_b_c, a0, 0x9abcdef0
  mv a1, s_c; mv a2, s_b
  div a0, a1, a2;  CHECK div_c_b, a0, 0x00000000
  divu a0, a1, a2; CHECK divu_c_b, a0, 0x00000001
  rem a0, a1, a2;  CHECK rem_c_b, a0, 0xfffe0003
  remu a0, a1, a2; CHECK remu_c_b, a0, 0x65412113
  mv a1, s_a; mv a2, s_one
  div a0, a1, a2;  CHECK div_a_one, a0, 0x12345678
  divu a0, a1, a2; CHECK divu_a_one, a0, 0x12345678
  rem a0, a1, a2;  CHECK rem_a_one, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_a_one, a0, 0x00000000
  mv a1, s_b; mv a2, s_m1
  div a0, a1, a2;  CHECK div_b_m1, a0, 0x65432110
  divu a0, a1, a2; CHECK divu_b_m1, a0, 0x00000000
  rem a0, a1, a2;  CHECK rem_b_m1, a0, 0x00000000
  remu a0, a1, a2; CHECK remu_b_m1, a0, 0x9abcdef0
  /* rd aliasing a source register; x0 divisor */
  li a1, -7
  li a2, 2
  div a1, a1, a2;   CHECK div_rd_is_rs1, a1, 0xfffffffd
  li a1, -7
  rem a2, a1, a2;   CHECK rem_rd_is_rs2, a2, 0xffffffff
  li a1, 42
  divu a0, a1, zero; CHECK divu_by_x0, a0, 0xffffffff
  remu a0, a1, zero; CHECK remu_by_x0, a0, 42
  CHECK traps, s9, 0
  FINISH
