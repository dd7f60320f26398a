/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* Where VS-stage page faults go (corpus_two_stage.S): fetch (12), load (13) and store (15)
   faults from VS, and a load fault from VU. Round 0: M (mpv=1, gva=1, mtval2=0). Round 1:
   medeleg delegates them to HS (spv=1, gva=1, htval=0, SPVP = the guest's mode). Round 2:
   hedeleg also delegates them, and the guest's own handler takes them (vscause, vstval). A
   G-stage fault (21) in the same rounds shows hedeleg cannot delegate guest-page faults. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_two_stage.S"
#define PAGE_FAULTS ((1 << 12) | (1 << 13) | (1 << 15))

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  TWO_STAGE_INIT
  li s0, 0
round:
  li t0, PAGE_FAULTS | (1 << 21)
  li t1, 0
  csrw medeleg, zero
  csrw hedeleg, zero
  beqz s0, 1f
  csrw medeleg, t0
  li t1, 1
  beq s0, t1, 1f
  csrw hedeleg, t0
1: csrr t1, medeleg
  PRINT medeleg, t1
  csrr t1, hedeleg
  PRINT hedeleg, t1
  .option norvc
  ENTER_V MODE_S, vs
vs:
  li t2, 0x40006000             /* invalid VS PTE */
  EXPECT_AT 1f
1: lw t1, 4(t2)
  li t2, 0x40005000             /* read-only VS page */
  EXPECT_AT 1f
1: sw t1, 8(t2)
  li t2, 0x40002000             /* G-stage execute-only page */
  EXPECT_AT 1f
1: lw t1, 12(t2)
  RESUME_AT m_vu
  li t2, 0x40006000
  EXPECT_AT 0x40006000
  jalr t2
m_vu:
  ENTER_V MODE_U, vu_load
next:
  .option rvc
  addi s0, s0, 1
  li t0, 3
  blt s0, t0, round
  csrw medeleg, zero
  csrw hedeleg, zero
  csrw hgatp, zero
  csrw vsatp, zero
  PRINT traps, s9
  FINISH

  .section .text.upage, "ax"
  .balign 4096
ts_upage:
  .option norvc
vu_load:
  RESUME_AT next
  li t2, 0x40007000             /* supervisor page */
  EXPECT_AT 1f
1: lw t1, 0(t2)
  .option rvc
  .balign 4096
