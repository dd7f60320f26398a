/* RV32I register-register ALU: add sub sll slt sltu xor srl sra or and, with sign and
   shift-amount corner cases (shift amounts use only rs2[4:0]); writes to x0 are discarded. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li s0, 0x80000000
  li s1, 0x7fffffff
  li s2, -1
  li s3, 0x12345678
  li s4, 0x0f0f00ff

  add a0, s1, s2;   CHECK add_max_m1, a0, 0x7ffffffe
  add a0, s1, s1;   CHECK add_overflow, a0, 0xfffffffe
  add a0, s0, s0;   CHECK add_wrap, a0, 0
  sub a0, s0, s1;   CHECK sub_min_max, a0, 1
  sub a0, zero, s0; CHECK sub_neg_min, a0, 0x80000000
  sub a0, s3, s2;   CHECK sub_m1, a0, 0x12345679

  li t0, 4;  sll a0, s3, t0; CHECK sll_4, a0, 0x23456780
  li t0, 36; sll a0, s3, t0; CHECK sll_36_uses_low5, a0, 0x23456780
  li t0, 31; sll a0, s2, t0; CHECK sll_31, a0, 0x80000000
  li t0, -1; sll a0, s3, t0; CHECK sll_minus1_is_31, a0, 0

  li t0, 4;  srl a0, s0, t0; CHECK srl_4, a0, 0x08000000
  li t0, 33; srl a0, s2, t0; CHECK srl_33, a0, 0x7fffffff
  li t0, 4;  sra a0, s0, t0; CHECK sra_4, a0, 0xf8000000
  li t0, 31; sra a0, s0, t0; CHECK sra_31, a0, 0xffffffff
  li t0, 32; sra a0, s0, t0; CHECK sra_32_is_0, a0, 0x80000000
  li t0, 3;  sra a0, s1, t0; CHECK sra_pos, a0, 0x0fffffff

  slt a0, s0, s1;   CHECK slt_min_max, a0, 1
  slt a0, s1, s0;   CHECK slt_max_min, a0, 0
  slt a0, s2, zero; CHECK slt_m1_0, a0, 1
  slt a0, s3, s3;   CHECK slt_equal, a0, 0
  sltu a0, s0, s1;  CHECK sltu_min_max, a0, 0
  sltu a0, s1, s0;  CHECK sltu_max_min, a0, 1
  sltu a0, zero, s3; CHECK sltu_snez, a0, 1
  sltu a0, zero, zero; CHECK sltu_zero, a0, 0

  xor a0, s3, s4;   CHECK xor, a0, 0x1d3b5687
  xor a0, s3, s2;   CHECK xor_not, a0, 0xedcba987
  or a0, s3, s4;    CHECK or, a0, 0x1f3f56ff
  and a0, s3, s4;   CHECK and, a0, 0x02040078
  and a0, s3, zero; CHECK and_zero, a0, 0

  /* x0 as destination discards, as source reads 0 */
  add zero, s3, s3
  mv a0, zero;      CHECK x0_after_add, a0, 0
  sub a0, zero, s3; CHECK neg_via_x0, a0, 0xedcba988
  /* rd == rs1 == rs2 */
  mv a1, s3
  add a1, a1, a1;   CHECK add_same_reg, a1, 0x2468acf0
  FINISH
