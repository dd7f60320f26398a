/* RV32A reservations: lr.w/sc.w success (sc writes 0), and the failure cases: sc without lr,
   a second sc, sc to another address (and the original one after it), sc after an
   intervening store of a different value and of the same value (QEMU compares values), a
   store elsewhere, two lr in a row, sc after a trap and after a bare mret, lr/sc with aq/rl
   bits, and x0 as sc's rd. sc's failure code and the memory contents are printed. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  la s0, word_a
  la s1, word_b
  li s2, 0x1111
  li s3, 0x2222

  /* sc with no reservation at all (none since reset) */
  sc.w a0, s2, (s0);     PRINT sc_without_lr, a0
  lw a1, 0(s0);          PRINT mem_after_failed_sc, a1

  /* plain success */
  lr.w a1, (s0);         PRINT lr_value, a1
  sc.w a0, s2, (s0);     CHECK sc_after_lr, a0, 0
  lw a1, 0(s0);          CHECK mem_after_sc, a1, 0x1111

  /* the reservation is consumed by the sc */
  sc.w a0, s3, (s0);     PRINT second_sc, a0
  lw a1, 0(s0);          PRINT mem_after_second_sc, a1

  /* sc to a different address than the lr */
  lr.w a1, (s0)
  sc.w a0, s3, (s1);     PRINT sc_other_address, a0
  lw a1, 0(s1);          PRINT mem_other_after_sc, a1
  sc.w a0, s3, (s0);     PRINT sc_original_after_other, a0

  /* an intervening store of a different value */
  lr.w a1, (s0)
  li t0, 0x3333
  sw t0, 0(s0)
  sc.w a0, s2, (s0);     PRINT sc_after_store_new_value, a0
  lw a1, 0(s0);          PRINT mem_after_store_new_value, a1

  /* an intervening store of the same value (QEMU compares values) */
  lr.w a1, (s0)
  sw a1, 0(s0)
  sc.w a0, s2, (s0);     PRINT sc_after_store_same_value, a0
  lw a1, 0(s0);          PRINT mem_after_store_same_value, a1

  /* a store to another word between lr and sc */
  lr.w a1, (s0)
  sw s3, 0(s1)
  sc.w a0, s3, (s0);     PRINT sc_after_store_elsewhere, a0

  /* the newest lr wins */
  lr.w a1, (s0)
  lr.w a1, (s1)
  sc.w a0, s2, (s1);     PRINT sc_second_lr_address, a0
  lr.w a1, (s0)
  lr.w a1, (s1)
  sc.w a0, s2, (s0);     PRINT sc_first_lr_address, a0

  /* a trap (ecall + mret) between lr and sc */
  lr.w a1, (s0)
  EXPECT_AT 1f
1: ecall
  sc.w a0, s3, (s0);     PRINT sc_after_trap, a0

  /* an mret (M to M, no trap) between lr and sc */
  lr.w a1, (s0)
  li t0, MSTATUS_MPP_MASK
  csrs mstatus, t0
  la t0, 2f
  csrw mepc, t0
  mret
2: sc.w a0, s3, (s0);    PRINT sc_after_mret_only, a0

  /* ordering bits do not change the result */
  lr.w.aq a1, (s1)
  sc.w.rl a0, s2, (s1);  CHECK sc_rl_after_lr_aq, a0, 0
  lr.w.aqrl a1, (s1)
  sc.w.aqrl a0, s3, (s1); CHECK sc_aqrl_after_lr_aqrl, a0, 0
  lr.w.rl a1, (s1);      CHECK lr_rl_value, a1, 0x2222
  sc.w.aq a0, s2, (s1);  CHECK sc_aq, a0, 0
  lw a1, 0(s1);          CHECK mem_b_final, a1, 0x1111

  /* sc into x0 still stores; lr into x0 still reserves */
  lr.w zero, (s1)
  sc.w zero, s3, (s1)
  lw a1, 0(s1);          CHECK sc_x0_stored, a1, 0x2222
  CHECK traps, s9, 1
  FINISH

  .data
  .align 4
word_a: .word 0xaaaa5555
  .align 4
word_b: .word 0xbbbb6666
