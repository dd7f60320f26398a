/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* With V=1 the S CSRs are the VS CSRs: what VS writes to sstatus, sscratch, sepc, scause,
   stval, stvec, satp, sie and sip lands in vs*; the HS copies keep their values. The VS CSRs
   by their own numbers, and the H CSRs, raise virtual instruction (22) from VS; from VU the S
   CSRs do too. M CSRs from VS are illegal (2). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  csrw mideleg, zero            /* QEMU 7.2 delegates the VS interrupts only once mideleg is written */
  li t0, 0x444
  csrw hideleg, t0
  li t0, 0x5a5a0000
  csrw sepc, t0
  csrw stval, t0
  csrw scause, t0
  li t0, 0x100
  csrw sstatus, t0
  ENTER_V MODE_S, vs
vs:
  csrr s0, sscratch            /* vsscratch: the VS handler's stack */
  li t0, 0x11110000
  csrw sepc, t0
  li t0, 0x22220000
  csrw stval, t0
  li t0, 0x33330000
  csrw scause, t0
  li t0, 0x00040000             /* SUM */
  csrs sstatus, t0
  li t0, 0x00000123
  csrw satp, t0                 /* vsatp (Bare: translation stays off) */
  li t0, 0x222
  csrw sie, t0
  li t0, 0x2
  csrs sip, t0                  /* vsip.SSIP = hvip.VSSIP */
  csrc sip, t0
  csrr t1, sie
  PRINT vs_sie, t1
  csrr t1, sstatus
  PRINT vs_sstatus, t1
  csrr t1, sepc
  PRINT vs_sepc, t1
  csrr t1, satp
  PRINT vs_satp, t1
  EXPECT_AT vs_own
vs_own:
  csrr t1, vsstatus             /* 22 */
  EXPECT_AT vs_h
vs_h:
  csrr t1, hstatus              /* 22 */
  EXPECT_AT vs_m
vs_m:
  csrr t1, mstatus              /* 2 */
  EXPECT_AT vs_scounteren
vs_scounteren:
  csrr t1, scounteren           /* no VS copy: legal */
  PRINT vs_scounteren_read, t1
  RETURN_TO_M m1
m1:
  csrr t1, vsepc
  PRINT vsepc, t1
  csrr t1, vstval
  PRINT vstval, t1
  csrr t1, vscause
  PRINT vscause, t1
  csrr t1, vsstatus
  PRINT vsstatus, t1
  csrr t1, vsie
  PRINT vsie, t1
  csrr t1, vsatp
  PRINT vsatp, t1
  csrr t1, satp
  PRINT hs_satp, t1
  csrr t1, hie
  PRINT hie, t1
  csrr t1, sepc
  PRINT hs_sepc, t1
  csrr t1, stval
  PRINT hs_stval, t1
  csrr t1, scause
  PRINT hs_scause, t1
  csrr t1, sstatus
  PRINT hs_sstatus, t1
  /* VU: S CSRs raise virtual instruction */
  ENTER_V MODE_U, vu
vu:
  EXPECT_AT vu_s
vu_s:
  csrr t1, sscratch
  EXPECT_AT vu_h
vu_h:
  csrr t1, hstatus
  EXPECT_AT vu_vs
vu_vs:
  csrr t1, vsstatus
  RETURN_TO_M done
done:
  PRINT traps, s9
  FINISH
