/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* VS interrupts injected through hvip (VSSIP, VSTIP, VSEIP) with hideleg delegating them: taken
   in VS as causes 1/5/9 with vscause's interrupt bit; gated by vsie and vsstatus.SIE in VS-mode
   (enabling SIE takes it at the next instruction), always taken in VU-mode, never while V=0
   (HS with sstatus.SIE, M with MIE). Not delegated by hideleg, the same interrupts are HS-level:
   taken from V=1 whatever sstatus.SIE (causes 2/6/10, SPV=1), from HS only with sstatus.SIE.
   First, before mideleg is ever written, QEMU 7.2's way (below). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"

/* hvip = hie = \bits, vsstatus.SIE = \sie (the handlers clear the enable bit they took) */
.macro INJECT bits, sie
  li t0, \bits
  csrw hvip, t0
  csrw hie, t0
  li t0, 2
  csrc vsstatus, t0
  .if \sie
  csrs vsstatus, t0
  .endif
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  li t0, 0x444
  csrw hideleg, t0
  .option norvc
  /* QEMU 7.2 forces mideleg's VS bits only when mideleg is written: until then it takes VS
     interrupts in M-mode (cause 2 here; spec: VS). Compat mode follows (quirks.ts). */
  INJECT 0x004, 1
  EXPECT_AT vs_before_mideleg
  ENTER_V MODE_S, vs_before_mideleg
vs_before_mideleg:
  nop
  RETURN_TO_M m_mideleg
m_mideleg:
  csrw mideleg, zero
  /* each VS interrupt, taken in VS-mode as soon as it is entered */
  INJECT 0x004, 1
  EXPECT_AT vs_ssi
  ENTER_V MODE_S, vs_ssi
vs_ssi:
  nop
  RETURN_TO_M m_sti
m_sti:
  csrr t1, vsie
  PRINT vsie_after_vs_handler, t1
  csrr t1, vsstatus
  andi t1, t1, 0x122            /* SPP, SPIE, SIE after the handler's sret */
  PRINT vsstatus_after_sret, t1
  INJECT 0x040, 1
  EXPECT_AT vs_sti
  ENTER_V MODE_S, vs_sti
vs_sti:
  nop
  RETURN_TO_M m_sei
m_sei:
  INJECT 0x400, 1
  EXPECT_AT vs_sei
  ENTER_V MODE_S, vs_sei
vs_sei:
  nop
  RETURN_TO_M m_vsie
  /* pending but not enabled in vsie: nothing happens */
m_vsie:
  INJECT 0x400, 1
  csrw hie, zero
  ENTER_V MODE_S, vs_vsie
vs_vsie:
  nop
  csrr t1, sstatus
  andi t1, t1, 2
  PRINT vs_sie_with_vsie_clear, t1
  RETURN_TO_M m_sie
  /* enabled in vsie, vsstatus.SIE = 0: waits until VS sets SIE */
m_sie:
  INJECT 0x040, 0
  ENTER_V MODE_S, vs_sie
vs_sie:
  nop
  PUTS "vs: vsstatus.SIE=0 holds VSTI off\n"
  EXPECT_AT vs_sie_on
  csrsi sstatus, 2
vs_sie_on:
  nop
  RETURN_TO_M m_vu
  /* VU-mode: taken whatever vsstatus.SIE */
m_vu:
  INJECT 0x004, 0
  EXPECT_AT vu_code
  ENTER_V MODE_U, vu_code
vu_code:
  nop
  RETURN_TO_M m_hs
  /* V=0: VS-level interrupts wait, in HS with sstatus.SIE and in M with MIE */
m_hs:
  INJECT 0x444, 1
  li t0, 2
  csrs sstatus, t0
  ENTER_HS MODE_S, hs_code
hs_code:
  nop
  csrr t1, sip
  PRINT hs_sip, t1
  RETURN_TO_M m_mie
m_mie:
  csrsi mstatus, 8
  nop
  csrci mstatus, 8
  csrr t1, mip
  PRINT m_mip_still_pending, t1
  csrci sstatus, 2
  /* hideleg clear: HS-level interrupts, taken from VS and VU whatever sstatus.SIE and vsstatus.SIE */
  csrw hideleg, zero
  INJECT 0x040, 0
  EXPECT_AT vs_hs_level
  ENTER_V MODE_S, vs_hs_level
vs_hs_level:
  nop
  RETURN_TO_M m_vu_hs
m_vu_hs:
  INJECT 0x400, 0
  EXPECT_AT vu_hs_level
  ENTER_V MODE_U, vu_hs_level
vu_hs_level:
  nop
  RETURN_TO_M m_hs_level
  /* ... and from HS only once sstatus.SIE is set */
m_hs_level:
  INJECT 0x004, 0
  ENTER_HS MODE_S, hs_level
hs_level:
  nop
  PUTS "hs: sstatus.SIE=0 holds VSSI off\n"
  EXPECT_AT hs_sie_on
  csrsi sstatus, 2
hs_sie_on:
  nop
  csrci sstatus, 2
  RETURN_TO_M done
done:
  .option rvc
  csrw hvip, zero
  csrw hie, zero
  PRINT traps, s9
  FINISH
