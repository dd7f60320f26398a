/* RV32I control transfer: beq bne blt bge bltu bgeu (taken and not taken, signed vs unsigned
   corners, backward branches), jal and jalr link values, jalr clearing bit 0 of the target,
   jalr with rd == rs1, and negative jalr offsets. */
#include "corpus.S"
#include "corpus_trap.S"

/* a0 = 1 if "\op \ra, \rb" is taken, else 0 */
.macro TAKEN op, ra, rb
  li a0, 1
  \op \ra, \rb, 1f
  li a0, 0
1:
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li s0, 0x80000000
  li s1, 0x7fffffff
  li s2, -1
  li s3, 1

  TAKEN beq, s2, s2;  CHECK beq_eq, a0, 1
  TAKEN beq, s0, s1;  CHECK beq_ne, a0, 0
  TAKEN bne, s0, s1;  CHECK bne_ne, a0, 1
  TAKEN bne, zero, zero; CHECK bne_eq, a0, 0
  TAKEN blt, s0, s1;  CHECK blt_min_max, a0, 1
  TAKEN blt, s1, s0;  CHECK blt_max_min, a0, 0
  TAKEN blt, s2, zero; CHECK blt_m1_0, a0, 1
  TAKEN blt, s3, s3;  CHECK blt_equal, a0, 0
  TAKEN bge, s3, s3;  CHECK bge_equal, a0, 1
  TAKEN bge, s1, s0;  CHECK bge_max_min, a0, 1
  TAKEN bge, s2, zero; CHECK bge_m1_0, a0, 0
  TAKEN bltu, s1, s0; CHECK bltu_max_min, a0, 1
  TAKEN bltu, s2, s3; CHECK bltu_ffff_1, a0, 0
  TAKEN bltu, zero, s3; CHECK bltu_0_1, a0, 1
  TAKEN bgeu, s2, s3; CHECK bgeu_ffff_1, a0, 1
  TAKEN bgeu, s3, s3; CHECK bgeu_equal, a0, 1
  TAKEN bgeu, s1, s0; CHECK bgeu_max_min, a0, 0

  /* backward branch loop: sum 1..10 */
  li a0, 0
  li a1, 10
1: add a0, a0, a1
  addi a1, a1, -1
  bnez a1, 1b
  CHECK loop_sum, a0, 55

  /* jal: link = address of the next instruction */
  .option push
  .option norvc
  jal ra, 2f
3: j 4f
2: la a1, 3b
  sub a0, ra, a1;     CHECK jal_link, a0, 0
  ret
4:
  /* jalr with an odd target: bit 0 is cleared */
  la a1, 5f
  addi a1, a1, 1
  li a0, 0
  jalr ra, 0(a1)
  li a0, 0xbad
5: CHECK jalr_odd_target, a0, 0
  /* jalr rd == rs1: the target uses the old value */
  la t1, 6f
  jalr t1, 0(t1)
7: li a0, 0xbad
6: la a1, 7b
  sub a0, t1, a1;     CHECK jalr_rd_eq_rs1_link, a0, 0
  /* negative offset */
  la t1, 8f + 16
  li a0, 0
  jalr zero, -16(t1)
  li a0, 0xbad
8: CHECK jalr_negative_offset, a0, 0
  /* jal x0 does not link */
  li ra, 0x1234
  jal zero, 9f
9: CHECK jal_x0_no_link, ra, 0x1234
  .option pop
  CHECK traps, s9, 0
  FINISH
