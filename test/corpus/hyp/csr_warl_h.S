/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* The hypervisor CSRs' WARL masks from M-mode: what reads back after writing all ones, then
   zero. hgeip is read-only (its write traps); htimedelta(h), htval, htinst hold any value. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  WARL hstatus, hstatus
  WARL hedeleg, hedeleg
  WARL hideleg, hideleg
  WARL hie, hie
  WARL hip, hip
  WARL hvip, hvip
  WARL hcounteren, hcounteren
  WARL htimedelta, htimedelta
  WARL htimedeltah, htimedeltah
  WARL htval, htval
  WARL htinst, htinst
  WARL hgeie, hgeie
  WARL hgeip, hgeip
  WARL henvcfg, henvcfg
  WARL henvcfgh, henvcfgh
  /* henvcfgh's bits follow menvcfgh's: with menvcfgh zero */
  csrr s0, menvcfgh
  csrw menvcfgh, zero
  WARL henvcfgh, henvcfgh_menvcfgh0
  csrw menvcfgh, s0
  /* hvip and hip/mip/mie views of the VS bits */
  li t1, 0x444
  csrw hvip, t1
  csrr t2, hip
  PRINT hip_after_hvip, t2
  csrr t2, mip
  PRINT mip_after_hvip, t2
  csrr t2, sip
  PRINT sip_after_hvip, t2
  csrw hvip, zero
  li t1, 0x444
  csrw hie, t1
  csrr t2, mie
  PRINT mie_after_hie, t2
  csrr t2, sie
  PRINT sie_after_hie, t2
  csrw hie, zero
  FINISH
