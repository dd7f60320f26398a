/* mstatus.TSR, TW and TVM, each set alone, trap the S-mode instruction they govern with an
   illegal-instruction exception (tval = the instruction): TSR -> sret; TW -> wfi; TVM -> satp
   access, sfence.vma, hfence.gvma. With the bit clear the same instruction runs in S, and in
   M-mode none of them is affected. wfi never waits here: a delegated supervisor software
   interrupt is kept pending and enabled in sie with sstatus.SIE = 0, so wfi returns at once. */
#include "corpus.S"
#include "corpus_trap.S"

.macro TRY word, name
  mv t2, s9
  EXPECT_AT .Ltry\@
.Ltry\@: .word \word
  sub t2, s9, t2
  PRINT \name\()_trapped, t2
.endm

#define SRET        0x10200073
#define WFI         0x10500073
#define SFENCE_VMA  0x12000073
#define HFENCE_GVMA 0x62000073
#define CSRR_SATP   0x18002373   /* csrr t1, satp */
#define CSRW_SATP   0x18001073   /* csrw satp, zero */
#define TSR (1 << 22)
#define TW  (1 << 21)
#define TVM (1 << 20)

/* in S: sret back to the next instruction, staying in S (SPP = S) with SIE kept 0
   (SPIE = 0), so the pending software interrupt stays masked */
.macro SRET_IN_PLACE name
  li t0, 0x100
  csrs sstatus, t0
  li t0, 0x20
  csrc sstatus, t0
  la t0, .Lafter\@
  csrw sepc, t0
  mv t2, s9
  EXPECT_AT .Lsret\@
.Lsret\@: sret
.Lafter\@:
  sub t2, s9, t2
  PRINT \name\()_trapped, t2
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  /* keep an S-level software interrupt pending and enabled but masked by sstatus.SIE */
  csrwi mideleg, 2
  csrwi mie, 2
  csrsi mip, 2

  ENTER_MODE MODE_S, s_clear
s_clear:
  SRET_IN_PLACE s_sret_tsr0
  TRY WFI, s_wfi_tw0
  TRY CSRR_SATP, s_csrr_satp_tvm0
  TRY CSRW_SATP, s_csrw_satp_tvm0
  TRY SFENCE_VMA, s_sfence_vma_tvm0
  TRY HFENCE_GVMA, s_hfence_gvma_tvm0
  BACK_TO_M m_tsr
m_tsr:
  li t0, TSR
  csrs mstatus, t0
  ENTER_MODE MODE_S, s_tsr
s_tsr:
  SRET_IN_PLACE s_sret_tsr1
  TRY WFI, s_wfi_tsr1
  TRY CSRR_SATP, s_csrr_satp_tsr1
  BACK_TO_M m_tw
m_tw:
  li t0, TSR
  csrc mstatus, t0
  li t0, TW
  csrs mstatus, t0
  ENTER_MODE MODE_S, s_tw
s_tw:
  TRY WFI, s_wfi_tw1
  SRET_IN_PLACE s_sret_tw1
  TRY SFENCE_VMA, s_sfence_vma_tw1
  BACK_TO_M m_tvm
m_tvm:
  li t0, TW
  csrc mstatus, t0
  li t0, TVM
  csrs mstatus, t0
  ENTER_MODE MODE_S, s_tvm
s_tvm:
  TRY CSRR_SATP, s_csrr_satp_tvm1
  TRY CSRW_SATP, s_csrw_satp_tvm1
  TRY SFENCE_VMA, s_sfence_vma_tvm1
  TRY HFENCE_GVMA, s_hfence_gvma_tvm1
  TRY WFI, s_wfi_tvm1
  SRET_IN_PLACE s_sret_tvm1
  BACK_TO_M m_all
m_all:
  /* M-mode is not affected by any of them */
  li t0, TSR | TW | TVM
  csrs mstatus, t0
  TRY WFI, m_wfi_all_set
  TRY CSRR_SATP, m_csrr_satp_all_set
  TRY SFENCE_VMA, m_sfence_vma_all_set
  li t0, TSR | TW | TVM
  csrc mstatus, t0
  csrci mip, 2
  csrw mie, zero
  csrw mideleg, zero
  PRINT traps_total, s9
  FINISH
