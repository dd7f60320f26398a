/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* mret with mstatush.MPV=1 enters VS (MPP=S) or VU (MPP=U); ecall from VS is cause 10, from
   VU cause 8, and the trap sets MPV again. mret with MPP=M ignores MPV (V stays 0) and clears it. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  /* into VS: the ecall comes back to M (medeleg clear) */
  EXPECT_AT vs_ecall
  ENTER_V MODE_S, vs_code
vs_code:
  csrr t1, sstatus           /* vsstatus in VS */
vs_ecall:
  ecall
  RETURN_TO_M after_vs
after_vs:
  csrr t1, mstatush
  PRINT mstatush_after_vs, t1
  csrr t1, mstatus
  li t2, 0x1800
  and t1, t1, t2
  PRINT mstatus_mpp_after_return, t1
  /* into VU */
  EXPECT_AT vu_ecall
  ENTER_V MODE_U, vu_code
vu_code:
  nop
vu_ecall:
  ecall
  RETURN_TO_M after_vu
after_vu:
  /* an mret from VS-resumed M-mode: MPV after mret is 0 */
  csrr t1, mstatush
  PRINT mstatush_after_vu, t1
  /* MPP=M with MPV=1: V stays 0 (sscratch is not redirected to vsscratch) */
  li t1, 0x11111111
  csrw sscratch, t1
  li t1, 0x22222222
  csrw vsscratch, t1
  li t0, MSTATUSH_MPV
  csrs mstatush, t0
  li t0, MSTATUS_MPP_MASK
  csrs mstatus, t0
  la t0, m_again
  csrw mepc, t0
  mret
m_again:
  csrr t1, mstatush
  PRINT mstatush_after_mret_m, t1
  csrr t1, sscratch
  PRINT sscratch_after_mret_m, t1
  /* HS entry with MPV=0 gives V=0: the ecall is cause 9 */
  EXPECT_AT hs_ecall
  ENTER_HS MODE_S, hs_code
hs_code:
  csrr t1, hstatus           /* legal in HS */
hs_ecall:
  ecall
  RETURN_TO_M done
done:
  PRINT traps, s9
  FINISH
