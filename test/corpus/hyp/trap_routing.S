/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* Where a trap from VS/VU goes: medeleg picks HS over M, then hedeleg picks VS over HS. For
   each: illegal instruction (2), breakpoint (3), ecall from VU (8) and VS (10), load access
   fault from PMP (not here: QEMU 7.2 reports a guest-page fault, quirks.ts), with the cause, tval, epc, SPV/SPVP/GVA, MPV/GVA the handlers print. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  /* PMP: deny loads from the page at bad_page (entry 0), the rest open (entry 1) */
  la t0, bad_page
  srli t0, t0, 2
  ori t0, t0, 0x1ff           /* NAPOT 4 KiB */
  csrw pmpaddr0, t0
  li t0, -1
  csrw pmpaddr1, t0
  li t0, (0x1f << 8) | 0x1c   /* entry 0: NAPOT, no RWX; entry 1: NAPOT RWX */
  csrw pmpcfg0, t0
  li s0, 0
round:
  /* round 0: all to M; 1: medeleg -> HS; 2: + hedeleg -> VS */
  li t0, (1 << 2) | (1 << 3) | (1 << 8) | (1 << 10) | (1 << 5)
  li t1, (1 << 2) | (1 << 3) | (1 << 8) | (1 << 5)
  csrw medeleg, zero
  csrw hedeleg, zero
  beqz s0, 1f
  csrw medeleg, t0
  li t2, 1
  beq s0, t2, 1f
  csrw hedeleg, t1
1: csrr t1, medeleg
  PRINT medeleg, t1
  csrr t1, hedeleg
  PRINT hedeleg, t1
  ENTER_V MODE_S, vs
vs:
  .option norvc
  EXPECT_AT 1f
1: .word 0
  EXPECT_AT 1f
1: ebreak
  EXPECT_AT 1f
1: ecall
  .option rvc
  RETURN_TO_M m_vu
m_vu:
  ENTER_V MODE_U, vu
vu:
  .option norvc
  EXPECT_AT 1f
1: ecall
  EXPECT_AT 1f
1: ebreak
  .option rvc
  RETURN_TO_M next
next:
  addi s0, s0, 1
  li t0, 3
  blt s0, t0, round
  csrw medeleg, zero
  csrw hedeleg, zero
  PRINT traps, s9
  FINISH

  .section .data
  .align 12
bad_page: .space 4096
