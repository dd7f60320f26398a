/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* From HS-mode, sret with hstatus.SPV=1 enters VS (SPP=S) or VU (SPP=U) and clears SPV; a trap
   from V=1 delegated to HS (medeleg) sets SPV and SPVP; sret from HS with SPV=0 stays in V=0. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  li t0, (1 << 8) | (1 << 10) | (1 << 2)   /* ecall from U/VU and VS, illegal instruction -> HS */
  csrw medeleg, t0
  ENTER_HS MODE_S, hs
hs:
  li t0, HSTATUS_SPV
  csrs hstatus, t0
  li t0, 0x100               /* SPP = S */
  csrs sstatus, t0
  la t0, vs_code
  csrw sepc, t0
  EXPECT_AT vs_ecall
  sret
vs_code:
  csrr t1, sstatus
vs_ecall:
  ecall                      /* cause 10 -> HS: SPV=1 SPVP=1 */
  /* back in VS after the HS handler's sret */
  EXPECT_AT vs_illegal
vs_illegal:
  csrr t1, hstatus           /* VS: virtual instruction (22) -> M (medeleg bit 22 clear) */
  RETURN_TO_M m1
m1:
  csrr t1, hstatus
  PRINT hstatus_m1, t1
  /* HS: sret into VU */
  ENTER_HS MODE_S, hs2
hs2:
  li t0, HSTATUS_SPV
  csrs hstatus, t0
  li t0, 0x100
  csrc sstatus, t0           /* SPP = U */
  la t0, vu_code
  csrw sepc, t0
  EXPECT_AT vu_ecall
  sret
vu_code:
  nop
vu_ecall:
  ecall                      /* cause 8 -> HS: SPV=1 SPVP=0 */
  EXPECT_AT vu_sret
vu_sret:
  sret                       /* VU: virtual instruction per spec, illegal (-> HS) on QEMU 7.2 */
  RETURN_TO_M m2
m2:
  csrr t1, hstatus
  PRINT hstatus_m2, t1
  /* HS: sret with SPV=0 into U (V=0): ecall is cause 8 with SPV=0 */
  ENTER_HS MODE_S, hs3
hs3:
  li t0, HSTATUS_SPV
  csrc hstatus, t0
  la t0, u_code
  csrw sepc, t0
  EXPECT_AT u_ecall
  sret
u_code:
  nop
u_ecall:
  ecall
  EXPECT_AT u_illegal
u_illegal:
  csrr t1, sstatus           /* U: illegal (2) -> HS, SPV=0, SPVP unchanged */
  RETURN_TO_M done
done:
  csrr t1, hstatus
  PRINT hstatus_done, t1
  PRINT traps, s9
  FINISH
