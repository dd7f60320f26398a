/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* Virtual-instruction exceptions (22) and their tval (the instruction bits), against illegal
   instruction (2): VTSR/VTW/VTVM in VS, wfi in VU, hfence from VS/VU (HLV/HSV: hlv_hsv.S), with mstatus.TW. Delegated to HS through medeleg bit 22, then not. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  .option norvc
  li t0, HSTATUS_VTSR | HSTATUS_VTW | HSTATUS_VTVM
  csrs hstatus, t0
  ENTER_V MODE_S, vs
vs:
  EXPECT_AT 1f
1: sret
  EXPECT_AT 1f
1: wfi
  EXPECT_AT 1f
1: sfence.vma
  EXPECT_AT 1f
1: csrr t1, satp
  EXPECT_AT 1f
1: hfence.vvma
  EXPECT_AT 1f
1: hfence.gvma
  RETURN_TO_M m1
m1:
  li t0, HSTATUS_VTSR | HSTATUS_VTW | HSTATUS_VTVM
  csrc hstatus, t0
  ENTER_V MODE_S, vs2
vs2:
  EXPECT_AT 1f
1: sfence.vma
  PUTS "vs2 ok\n"
  RETURN_TO_M m2
m2:
  ENTER_V MODE_U, vu
vu:
  /* sret, sfence.vma and hfence: virtual instruction per spec, illegal on QEMU 7.2 (quirks.ts) */
  EXPECT_AT 1f
1: sret
  EXPECT_AT 1f
1: sfence.vma
  EXPECT_AT 1f
1: hfence.vvma
  EXPECT_AT 1f
1: wfi
  RETURN_TO_M m3
m3:
  li t0, 1 << 21               /* mstatus.TW: wfi illegal in VS and VU */
  csrs mstatus, t0
  li t0, HSTATUS_VTW
  csrs hstatus, t0
  ENTER_V MODE_S, vs3
vs3:
  EXPECT_AT 1f
1: wfi
  RETURN_TO_M m4
m4:
  li t0, 1 << 21
  csrc mstatus, t0
  li t0, 1 << 22               /* virtual instruction -> HS */
  csrs medeleg, t0
  ENTER_V MODE_S, vs4
vs4:
  EXPECT_AT 1f
1: csrr t1, hgatp
  EXPECT_AT 1f
1: wfi                       /* VTW still set */
  RETURN_TO_M done
done:
  .option rvc
  PRINT traps, s9
  FINISH
