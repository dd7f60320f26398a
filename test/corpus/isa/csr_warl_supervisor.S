/* The S-mode CSRs probed from S-mode itself (all-ones/zero): sstatus (M-only fields stay out
   of reach), sie/sip with SSI/STI/SEI delegated, stvec, sscratch, sepc, scause, stval,
   scounteren, senvcfg; and M-mode's view of mstatus/mie after S wrote its views. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  li t0, 0x222
  csrw mideleg, t0
  li t0, 0x1800               /* MPP = M, to see that sstatus cannot touch it */
  csrs mstatus, t0
  li t0, 0x80                 /* MPIE */
  csrs mstatus, t0
  ENTER_MODE MODE_S, supervisor
supervisor:
  WARL sstatus, s_sstatus
  WARL sie, s_sie
  WARL sip, s_sip
  WARL stvec, s_stvec
  WARL sscratch, s_sscratch
  WARL sepc, s_sepc
  WARL scause, s_scause
  WARL stval, s_stval
  WARL scounteren, s_scounteren
  WARL senvcfg, s_senvcfg
  li t0, -1
  csrw sstatus, t0
  csrw sie, t0
  BACK_TO_M machine
machine:
  csrr a0, mstatus;  PRINT mstatus_after_s_wrote_ones, a0
  csrr a0, mie;      PRINT mie_after_s_wrote_ones, a0
  csrw mie, zero
  li t0, 0x2
  csrc mstatus, t0
  csrw mideleg, zero
  PRINT traps_total, s9
  FINISH
