/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* Interrupts of several levels pending at once while the hart runs in VS-mode: M-level (MSI from
   the CLINT) first, then HS-level (SSI delegated by mideleg, and VS interrupts hideleg does not
   delegate), then VS-level (hvip with hideleg). Each handler disables what it took, so the
   order of the trap lines is the order of delivery. Within one level QEMU 7.2 takes the
   lowest-numbered interrupt first (spec: SEI SSI STI, then VSEI VSSI VSTI), which compat mode
   follows (src/engine/cpu/quirks.ts). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#define CLINT_MSIP 0x2000000
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  li t0, 0x222
  csrw mideleg, t0              /* SSI, STI, SEI to HS (the VS bits are forced) */
  .option norvc
  /* M > HS > VS: MSIP, SSIP, hvip.VSSIP with hideleg.VSSI */
  li t0, 0x444
  csrw hideleg, t0
  li t0, 1
  li t1, CLINT_MSIP
  sw t0, 0(t1)
  csrsi mip, 2
  li t0, 0x004
  csrw hvip, t0
  li t0, 0x00e                  /* MSIE, VSSIE, SSIE */
  csrw mie, t0
  csrsi vsstatus, 2
  EXPECT_AT vs_levels
  ENTER_V MODE_S, vs_levels
vs_levels:
  nop
  RETURN_TO_M m_vs_three
m_vs_three:
  li t1, CLINT_MSIP
  sw zero, 0(t1)
  csrci mip, 2
  /* three VS-level interrupts at once */
  li t0, 0x444
  csrw hvip, t0
  csrw hie, t0
  csrsi vsstatus, 2
  EXPECT_AT vs_three
  ENTER_V MODE_S, vs_three
vs_three:
  nop
  RETURN_TO_M m_hs_six
  /* six HS-level interrupts at once (hideleg clear), taken from VU-mode */
m_hs_six:
  csrw hideleg, zero
  li t0, 0x444
  csrw hvip, t0
  li t0, 0x222
  csrs mip, t0
  li t0, 0x666
  csrw mie, t0
  EXPECT_AT vu_six
  ENTER_V MODE_U, vu_six
vu_six:
  nop
  RETURN_TO_M m_mixed
  /* HS-level before VS-level: VSTI not delegated (HS), VSSI and VSEI delegated (VS) */
m_mixed:
  li t0, 0x222
  csrc mip, t0
  li t0, 0x404
  csrw hideleg, t0
  li t0, 0x444
  csrw hvip, t0
  csrw mie, t0
  csrsi vsstatus, 2
  EXPECT_AT vs_mixed
  ENTER_V MODE_S, vs_mixed
vs_mixed:
  nop
  RETURN_TO_M done
done:
  .option rvc
  csrw hvip, zero
  csrw mie, zero
  PRINT traps, s9
  FINISH
