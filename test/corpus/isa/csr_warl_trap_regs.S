/* Trap-state CSRs of M and S: mscratch, mepc, mcause, mtval, sscratch, sepc, scause, stval.
   All-ones/zero, and the values a from-the-spec emulator would legalize: odd and 2-mod-4
   xepc values (QEMU 7.2 keeps bit 0 on read), xcause with the interrupt bit and large codes. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  csrr s1, mscratch          /* the trap handler's stack: restored below */
  WARL mscratch, mscratch
  csrw mscratch, s1
  .irp csr, mepc, sepc
  WARL \csr, \csr
  WRITE_READ \csr, 0x80000001, \csr\()_odd
  WRITE_READ \csr, 0x80000002, \csr\()_2_mod_4
  WRITE_READ \csr, 0x80000003, \csr\()_3_mod_4
  .endr
  .irp csr, mcause, scause
  WARL \csr, \csr
  WRITE_READ \csr, 0x80000005, \csr\()_interrupt_5
  WRITE_READ \csr, 0x8000001f, \csr\()_interrupt_31
  WRITE_READ \csr, 0x0000003f, \csr\()_exception_63
  WRITE_READ \csr, 0x7fffffff, \csr\()_exception_max
  .endr
  WARL mtval, mtval
  WARL sscratch, sscratch
  WARL stval, stval
  /* a trap overwrites mepc/mcause/mtval and leaves the S copies alone */
  li t0, 0x1111
  csrw sepc, t0
  li t0, 0x2222
  csrw scause, t0
  li t0, 0x3333
  csrw stval, t0
  li t0, 0x4444
  csrw mtval, t0
  EXPECT_AT 1f
1: ecall
  csrr a0, mtval;  PRINT mtval_after_ecall, a0
  csrr a0, mcause; PRINT mcause_after_ecall, a0
  csrr a0, sepc;   PRINT sepc_after_m_trap, a0
  csrr a0, scause; PRINT scause_after_m_trap, a0
  csrr a0, stval;  PRINT stval_after_m_trap, a0
  PRINT traps_total, s9
  FINISH
