/* Misaligned data accesses on QEMU 7.2: plain lw/lh/lhu/sw/sh at odd addresses do NOT trap
   (the data is printed, little-endian, also from U-mode); lr.w and AMOs at misaligned
   addresses trap (QEMU reports cause 4, load address misaligned, for AMOs too); sc.w at a
   misaligned address (no reservation can exist there) just fails; a misaligned load/store
   straddling the end of RAM faults with tval = the first byte outside RAM, and the store has
   already written its in-RAM bytes. */
#include "corpus.S"
#include "corpus_trap.S"
#define RAM_END 0x88000000
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  la s0, data
  lw a0, 1(s0);   PRINT lw_plus1, a0
  lw a0, 2(s0);   PRINT lw_plus2, a0
  lw a0, 3(s0);   PRINT lw_plus3, a0
  lh a0, 1(s0);   PRINT lh_plus1, a0
  lh a0, 3(s0);   PRINT lh_plus3_crosses_word, a0
  lh a0, 7(s0);   PRINT lh_plus7_negative, a0
  lhu a0, 7(s0);  PRINT lhu_plus7, a0
  li t0, 0xa1b2c3d4
  sw t0, 17(s0)
  lw a0, 16(s0);  PRINT sw_plus17_word0, a0
  lw a0, 20(s0);  PRINT sw_plus17_word1, a0
  sh t0, 27(s0)
  lw a0, 24(s0);  PRINT sh_plus27_word0, a0
  lw a0, 28(s0);  PRINT sh_plus27_word1, a0
  PRINT traps_after_plain_accesses, s9

  /* atomics */
  addi s1, s0, 2
  li a0, 0x1111
  EXPECT_AT 1f
1: lr.w a0, (s1)
  PRINT lr_w_rd_after_trap, a0
  li a0, 0x2222
  EXPECT_AT 2f
2: sc.w a0, t0, (s1)
  PRINT sc_w_misaligned_rd, a0
  li a0, 0x3333
  EXPECT_AT 3f
3: amoadd.w a0, t0, (s1)
  PRINT amoadd_rd_after_trap, a0
  EXPECT_AT 4f
4: amoswap.w.aqrl a0, t0, (s1)
  addi s1, s0, 1
  EXPECT_AT 5f
5: amomaxu.w a0, t0, (s1)
  EXPECT_AT 6f
6: lr.w a0, (s1)
  lw a0, 0(s0);   PRINT word0_untouched, a0

  /* straddling the end of RAM (128 MiB at 0x80000000) */
  li s1, RAM_END - 2
  li a0, 0x4444
  EXPECT_AT 7f
7: lw a0, 0(s1)
  PRINT lw_straddle_rd_after_trap, a0
  EXPECT_AT 8f
8: sw t0, 0(s1)
  li s1, RAM_END - 1
  EXPECT_AT 9f
9: lhu a0, 0(s1)
  /* the store wrote its in-RAM half before faulting on QEMU */
  li s1, RAM_END - 4
  lw a0, 0(s1)
  PRINT lw_last_word_of_ram, a0

  /* the same plain accesses from U-mode */
  PMP_OPEN
  ENTER_MODE MODE_U, user
user:
  lw a0, 1(s0);   PRINT u_lw_plus1, a0
  li t1, 0xa1b2c3d4
  sw t1, 33(s0)
  lhu a0, 35(s0); PRINT u_lhu_plus35, a0
  BACK_TO_M 10f
10:
  PRINT traps_total, s9
  FINISH

  .data
  .align 4
data: .word 0x44332211, 0x88776655, 0xccbbaa99, 0x00ffeedd
  .word 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
