/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* The machine CSRs that the hypervisor extension changes: misa.H, mideleg's read-only-one VS
   bits, medeleg, mie/mip VS bits, mstatus and mstatush (MPV, GVA), mtval2, mtinst. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  csrr t1, misa
  PRINT misa, t1
  WARL misa, misa
  WARL mideleg, mideleg
  WARL medeleg, medeleg
  WARL mie, mie
  WARL mip, mip
  WARL mstatush, mstatush
  WARL mtval2, mtval2
  WARL mtinst, mtinst
  /* mstatus: every field but MPRV (data accesses would change meaning) and MIE */
  li t1, ~((1 << 17) | (1 << 3))
  WRITE_READ mstatus, ~((1 << 17) | (1 << 3)), mstatus_ones
  WRITE_READ mstatus, 0, mstatus_zero
  WARL sstatus, sstatus
  WARL sie, sie
  WARL sip, sip
  WARL mcounteren, mcounteren
  WARL scounteren, scounteren
  WARL menvcfg, menvcfg
  WARL menvcfgh, menvcfgh
  /* mip.VSSIP aliases hvip.VSSIP; VSTIP/VSEIP in mip are read-only */
  li t1, 0x444
  csrs mip, t1
  csrr t2, hvip
  PRINT hvip_after_mip_set, t2
  csrr t2, mip
  PRINT mip_after_set, t2
  csrc mip, t1
  csrr t2, hvip
  PRINT hvip_after_mip_clear, t2
  FINISH
