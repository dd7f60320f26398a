/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* The views of VS interrupts pending through hvip while none can be taken (vsstatus.SIE = 0):
   mip, hip, hvip, vsip, vsie, sip and sie from M, and sip/sie from VS-mode (vsip/vsie), under
   hideleg = all three and hideleg = VSSI only, with mideleg's S bits clear and then set.
   QEMU 7.2 shows only vsip.SSIP and masks VS-mode sie/sip with mideleg's S bits; compat mode
   follows (src/engine/cpu/quirks.ts). csrs/csrc on those views from VS still change the bits
   the read hid: what M reads afterwards shows it. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"

.macro SHOW csr
  csrr t1, \csr
  PRINT \csr, t1
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  li s0, 0
round:
  li t0, 0
  beqz s0, 1f
  li t0, 0x222
1: csrw mideleg, t0
  SHOW mideleg
  li t0, 0x444
  csrw hideleg, t0
  csrw hvip, t0
  csrw hie, t0
  SHOW mip
  SHOW hip
  SHOW hvip
  SHOW vsip
  SHOW vsie
  SHOW sip
  SHOW sie
  ENTER_V MODE_S, vs1
vs1:
  csrr t1, sip
  PRINT vs_sip, t1
  csrr t1, sie
  PRINT vs_sie, t1
  li t0, 0x20
  csrc sie, t0                  /* vsie.STIE -> hie.VSTIE */
  li t0, 0x2
  csrc sip, t0                  /* vsip.SSIP -> hvip.VSSIP */
  RETURN_TO_M m1
m1:
  SHOW hie
  SHOW hvip
  li t0, 0x004
  csrw hideleg, t0
  li t0, 0x444
  csrw hvip, t0
  li t0, 0x004                  /* VSTI/VSEI are HS-level now: keep them disabled */
  csrw hie, t0
  SHOW vsip
  SHOW vsie
  ENTER_V MODE_S, vs2
vs2:
  csrr t1, sip
  PRINT vs_sip_hideleg_vssi, t1
  csrr t1, sie
  PRINT vs_sie_hideleg_vssi, t1
  li t0, 0x202
  csrs sie, t0                  /* only SSIE reaches hie (VSSIE): SEIE is read-only zero here */
  RETURN_TO_M m2
m2:
  SHOW hie
  csrw hvip, zero
  csrw hie, zero
  addi s0, s0, 1
  li t0, 2
  blt s0, t0, round
  PRINT traps, s9
  FINISH
