/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* VS-stage Sv32 (vsatp) over the Sv32x4 G stage (hgatp), corpus_two_stage.S's address space:
   loads from VS-mode through 4 KiB pages and superpages in either stage and both, stores, a
   fetch through both stages; then, from M, the A/D bits both stages' PTEs were given in memory
   (the VS leaf, its G-stage leaf, and the G-stage leaf of the page holding the VS L0 table,
   which only the VS walk touches). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_two_stage.S"

/* PRINT the flags (bits 7:0) of PTE \idx of \table */
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
  ENTER_V MODE_S, vs
vs:
  li t2, 0x40000000             /* VS 4 KiB (A=D=0) over G 4 KiB (A=D=0) */
  lw t1, 8(t2)
  PRINT vs4k_g4k, t1
  li t2, 0x40004000             /* VS 4 KiB (A=D=0) over the G superpage (A=D=0) */
  lw t1, 0(t2)
  PRINT vs4k_gsuper, t1
  li t2, 0x40401000             /* VS superpage over G 4 KiB */
  lw t1, 4(t2)
  PRINT vssuper_g4k, t1
  li t2, 0x40800000             /* VS superpage (A=D=0) over the G superpage */
  lw t1, 0(t2)
  PRINT vssuper_gsuper, t1
  li t2, 0x40801000
  lw t1, 0(t2)
  PRINT vssuper_gsuper_page1, t1
  li t2, 0x40000000
  li t1, 0x12345678
  sw t1, 16(t2)
  li t2, 0x40400010             /* the same host word through the VS superpage */
  lw t1, 0(t2)
  PRINT store_seen_through_vssuper, t1
  li t2, 0x40800000
  li t1, 0x0badcafe
  sw t1, 8(t2)
  li t2, 0x40003000             /* fetch: VS X-only page over the identity G superpage */
  jalr t2
  PRINT call_vs_xonly, a0
  RETURN_TO_M m1
m1:
  FLAGS vs_l0_page_a, ts_vsl0, 0
  FLAGS g_l0_page_a, ts_gl0, 0
  FLAGS vs_l0_gsuper_4k, ts_vsl0, 4
  FLAGS g_superpage, ts_groot, 0x240
  FLAGS vs_superpage_gsuper, ts_vsroot, 0x102
  /* the G-stage leaf of the VS L0 table's page: read by the walks, written by VS A/D updates
     (implicit writes: the spec sets D there too; QEMU 7.2 writes VS PTEs around the G stage) */
  FLAGS g_l0_vs_table, ts_gl0, 3
  la t2, ts_page_a
  lw t1, 16(t2)
  PRINT page_a_word4, t1
  li t2, 0x80400008
  lw t1, 0(t2)
  PRINT gsuper_word2, t1
  csrw hgatp, zero
  csrw vsatp, zero
  PRINT traps, s9
  FINISH
