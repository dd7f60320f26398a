/* Counter-control and performance-monitor CSRs: mcounteren, scounteren, mcountinhibit (all
   ones/zero), mhpmevent3..31, mhpmcounter3..31 and their high halves (QEMU 7.2 implements
   counters 3..18 only; the rest trap), and the user views hpmcounter3/hpmcounter3h reading
   what M-mode wrote. Event selectors stay 0 so no counter moves. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  WARL mcounteren, mcounteren
  WARL scounteren, scounteren
  WARL mcountinhibit, mcountinhibit
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  WARL mhpmevent\n, mhpmevent\n
  .endr
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  WARL mhpmcounter\n, mhpmcounter\n
  WARL mhpmcounter\n\()h, mhpmcounter\n\()h
  .endr
  li t0, 0x12345678
  csrw mhpmcounter3, t0
  li t0, 0x9abc
  csrw mhpmcounter3h, t0
  csrr a0, hpmcounter3;  PRINT hpmcounter3_after_write, a0
  csrr a0, hpmcounter3h; PRINT hpmcounter3h_after_write, a0
  csrr a0, mhpmcounter3; PRINT mhpmcounter3_still, a0
  csrw mhpmcounter3, zero
  csrw mhpmcounter3h, zero
  EXPECT_AT 1f
1: csrw hpmcounter3, zero
  PRINT traps_total, s9
  FINISH
