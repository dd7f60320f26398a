/* Delegation and interrupt-enable/pending CSRs: medeleg, mideleg (with H, QEMU forces the VS
   and guest-external bits), mie, mip (which pending bits M-mode may write; MTIP is already
   pending at reset because the CLINT's mtimecmp resets to 0), and the S-mode views sie/sip with
   nothing delegated, everything delegated, and only SSI/STI delegated. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  csrr s1, mip
  TRAP_INIT
  PRINT mip_at_reset, s1
  WARL medeleg, medeleg
  WARL mideleg, mideleg
  WARL mie, mie
  WARL mip, mip
  .irp bit, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24
  WRITE_READ medeleg, 1 << \bit, medeleg_bit\bit
  .endr
  .irp bit, 1, 3, 5, 7, 9, 11, 13
  WRITE_READ mip, 1 << \bit, mip_bit\bit
  .endr

  csrw mideleg, zero
  WARL sie, sie_nothing_delegated
  WARL sip, sip_nothing_delegated
  li t0, -1
  csrw mideleg, t0
  WARL sie, sie_all_delegated
  WARL sip, sip_all_delegated
  li t0, 0x22
  csrw mideleg, t0
  WARL sie, sie_ssi_sti_delegated
  WARL sip, sip_ssi_sti_delegated
  /* sie writes land in mie, sip writes in mip (only SSIP is writable through sip) */
  csrw mie, zero
  li t0, -1
  csrw sie, t0
  csrr a0, mie
  csrw mie, zero
  PRINT mie_after_sie_ones, a0
  li t0, 0x22
  csrs mip, t0
  csrw sip, zero
  csrr a0, mip
  li t0, 0x22
  csrc mip, t0
  PRINT mip_after_sip_zero, a0
  csrw mideleg, zero
  /* MTIP cannot be cleared through mip */
  li t0, 0x80
  csrc mip, t0
  csrr a0, mip
  PRINT mip_after_clearing_mtip, a0
  PRINT traps_total, s9
  FINISH
