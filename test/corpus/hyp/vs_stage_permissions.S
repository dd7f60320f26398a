/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* Permission checks with both stages on (corpus_two_stage.S), faults to M (medeleg clear):
   VS and user pages (vsstatus.SUM for loads; never executable from VS), VU and supervisor
   pages, read-only pages, execute-only pages of either stage (fetch allowed, loads fault) and
   what makes them readable: vsstatus.MXR for the VS stage; mstatus.MXR for both stages per the
   spec, while QEMU 7.2 with V=1 applies vsstatus.MXR to both stages and ignores mstatus.MXR
   (compat follows it; src/engine/cpu/quirks.ts). G-stage failures are guest-page faults
   (20/21/23, mtval2 = GPA >> 2); VS-stage ones page faults (12/13/15). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_two_stage.S"
#define SUM (1 << 18)
#define MXR (1 << 19)

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  TWO_STAGE_INIT
  .option norvc
  ENTER_V MODE_S, vs1
vs1:
  li t2, 0x40001000             /* user page */
  EXPECT_AT 1f
1: lw t1, 0(t2)                 /* 13: SUM = 0 */
  li t0, SUM
  csrs sstatus, t0
  lw t1, 4(t2)
  PRINT vs_user_page_sum, t1
  li t2, 0x40005000             /* read-only page */
  lw t1, 8(t2)
  PRINT vs_readonly_load, t1
  EXPECT_AT 1f
1: sw t1, 8(t2)                 /* 15 */
  li t2, 0x40003000             /* VS execute-only page */
  jalr t2
  PRINT vs_xonly_call, a0
  EXPECT_AT 1f
1: lw t1, 0(t2)                 /* 13 */
  li t0, MXR
  csrs sstatus, t0
  lw t1, 0(t2)
  PRINT vs_xonly_load_vsmxr, t1
  csrc sstatus, t0
  li t2, 0x40002000             /* G-stage execute-only page */
  jalr t2
  PRINT g_xonly_call, a0
  EXPECT_AT 1f
1: lw t1, 4(t2)                 /* 21 */
  EXPECT_AT 1f
1: sw t1, 4(t2)                 /* 23 */
  RESUME_AT m_user_fetch
  li t2, 0x40008000             /* VS fetch from a user page: 12 with SUM = 1 too */
  EXPECT_AT 0x40008000
  jalr t2
m_user_fetch:
  /* mstatus.MXR with V=1: spec both stages, QEMU 7.2 neither (it looks at vsstatus.MXR) */
  li t0, SUM
  csrc vsstatus, t0
  li t0, MXR
  csrs mstatus, t0
  ENTER_V MODE_S, vs2
vs2:
  li t2, 0x40003000
  li t1, -1                     /* what a faulting load leaves */
  EXPECT_AT 1f
1: lw t1, 0(t2)
  PRINT vs_xonly_load_mmxr, t1
  li t2, 0x40002000
  li t1, -1
  EXPECT_AT 1f
1: lw t1, 0(t2)
  PRINT g_xonly_load_mmxr, t1
  RETURN_TO_M m_vsmxr_g
m_vsmxr_g:
  li t0, MXR
  csrc mstatus, t0
  /* vsstatus.MXR and the G stage: spec no, QEMU 7.2 yes */
  csrs vsstatus, t0
  ENTER_V MODE_S, vs3
vs3:
  li t2, 0x40002000
  li t1, -1
  EXPECT_AT 1f
1: lw t1, 8(t2)
  PRINT g_xonly_load_vsmxr, t1
  RETURN_TO_M m_vu
m_vu:
  li t0, MXR
  csrc vsstatus, t0
  li t0, SUM                    /* SUM does not matter to VU */
  csrs vsstatus, t0
  ENTER_V MODE_U, vu_code
vu_done:
  PRINT vu_user_page, s2
  PRINT vu_user_xcode, s3
  PRINT vu_user_xonly_load_vsmxr, s4
  li t0, SUM | MXR
  csrc vsstatus, t0
  .option rvc
  csrw hgatp, zero
  csrw vsatp, zero
  PRINT traps, s9
  FINISH

m_vu_mxr:
  li t0, MXR
  csrs vsstatus, t0
  ENTER_V MODE_U, vu_mxr

  .section .text.upage, "ax"
  .balign 4096
ts_upage:
  .option norvc
vu_code:
  li t2, 0x40007000             /* supervisor page */
  EXPECT_AT 1f
1: lw t1, 0(t2)                 /* 13 */
  li t2, 0x40001000
  lw s2, 12(t2)
  li t2, 0x40008000             /* user execute-only page */
  jalr t2
  mv s3, a0
  EXPECT_AT 1f
1: lw t1, 0(t2)                 /* 13 */
  RETURN_TO_M m_vu_mxr
vu_mxr:
  li t2, 0x40008000
  lw s4, 0(t2)
  RESUME_AT vu_done
  li t2, 0x40003000             /* VU fetch from a supervisor page: 12 */
  EXPECT_AT 0x40003000
  jalr t2
  .option rvc
  .balign 4096
