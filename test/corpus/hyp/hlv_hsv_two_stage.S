/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* HLV/HSV/HLVX from HS-mode through corpus_two_stage.S's address space, as VS (SPVP = 1): the
   cases test/unit/cpu/hypervisorInstructions.test.ts does not probe (it covers permissions,
   MXR/SUM, faults, misalignment and extension): superpages in either stage, A/D bits HLV and
   HSV set in both stages, HLVX of ordinary code (RWX in both stages) and, with one stage Bare,
   translation by the other alone. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_two_stage.S"

.macro FLAGS name, table, idx
  TS_PTE_ADDR t2, \table, \idx
  lw t1, 0(t2)
  andi t1, t1, 0xff
  PRINT \name, t1
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  TWO_STAGE_INIT
  li t0, HSTATUS_SPVP
  csrs hstatus, t0
  ENTER_HS MODE_S, hs
hs:
  li t2, 0x40000004             /* VS 4 KiB (A=D=0) over G 4 KiB (A=D=0): hlv sets A in both */
  hlv.w t1, (t2)
  PRINT hlv_vs4k_g4k, t1
  li t2, 0x40004000             /* VS 4 KiB (A=D=0) over the G superpage (A=D=0): hsv sets A and D */
  li t1, 0x44332211
  hsv.w t1, (t2)
  hlv.bu t1, (t2)
  PRINT hsv_then_hlv_bu, t1
  li t2, 0x40401008             /* VS superpage over G 4 KiB */
  hlv.w t1, (t2)
  PRINT hlv_vssuper_g4k, t1
  li t2, 0x40800006             /* VS superpage (A=D=0) over the G superpage: hsv.h sets D */
  li t1, 0xbeef
  hsv.h t1, (t2)
  addi t2, t2, -2
  hlv.w t1, (t2)
  PRINT hlv_vssuper_gsuper, t1
  la t2, hs                     /* code, RWX in both stages: hlvx reads the instruction */
  hlvx.wu t1, (t2)
  lw t3, 0(t2)
  sub t1, t1, t3
  PRINT hlvx_wu_minus_lw, t1
  addi t2, t2, 2
  hlvx.hu t1, (t2)
  lhu t3, 0(t2)
  sub t1, t1, t3
  PRINT hlvx_hu_minus_lhu, t1
  RETURN_TO_M m_flags
m_flags:
  FLAGS vs_l0_page_a, ts_vsl0, 0
  FLAGS g_l0_page_a, ts_gl0, 0
  FLAGS vs_l0_gsuper_4k, ts_vsl0, 4
  FLAGS g_superpage, ts_groot, 0x240
  FLAGS vs_superpage_gsuper, ts_vsroot, 0x102
  li t2, 0x80401000
  lw t1, 0(t2)
  PRINT host_word_hsv_w, t1
  li t2, 0x80400004
  lw t1, 0(t2)
  PRINT host_word_hsv_h, t1
  /* vsatp Bare: the G stage alone (GPA = the address) */
  csrr s1, vsatp
  csrw vsatp, zero
  ENTER_HS MODE_S, hs_g_only
hs_g_only:
  li t2, 0xc0001010
  hlv.w t1, (t2)
  PRINT hlv_g_only, t1
  li t2, 0x90000000
  hlv.w t1, (t2)
  PRINT hlv_g_only_superpage, t1
  RETURN_TO_M m_vs_only
  /* hgatp Bare: the VS stage alone (host-physical = guest-physical) */
m_vs_only:
  csrw vsatp, s1
  csrw hgatp, zero
  ENTER_HS MODE_S, hs_vs_only
hs_vs_only:
  la t2, ts_page_b + 8          /* identity VS pages */
  hlv.w t1, (t2)
  PRINT hlv_vs_only, t1
  RETURN_TO_M done
done:
  csrw hgatp, zero
  csrw vsatp, zero
  PRINT traps, s9
  FINISH
