/* Trap handlers and mode switching for the hypervisor corpus (test/corpus/hyp). Include after
   corpus.S and corpus_trap.S (its PRINT/CHECK/PUTS and s9/s10/s11 conventions apply):
     #include "corpus.S"
     #include "corpus_trap.S"
     #include "corpus_hyp.S"

   HTRAP_INIT installs three handlers, each on its own stack (swapped in through its scratch
   CSR, which is 0 while the handler runs: a trap inside a handler prints NESTED and exits 99):
     M  (mtvec)   "M cause=C tval=T epc=+O mpp=P mpv=V gva=G tval2=X tinst=I"
                  (gva=n/a for causes without an address: QEMU 7.2 leaves mstatush.GVA stale
                  there, depending on its TLB state, which no other machine can reproduce)
     HS (stvec)   "HS cause=C tval=T epc=+O spp=P spv=V spvp=W gva=G htval=X htinst=I"
     VS (vstvec)  "VS cause=C tval=T epc=+O spp=P"          (runs in VS-mode: s* CSRs are vs*)
   then each returns to the trapping mode after the trapping instruction, or, when s11 != 0,
   to M-mode (V=0) at s11. An interrupt is not skipped: its bit is cleared in the handler's
   own interrupt-enable CSR (mie; sie and hie; vsie) so it does not fire again.
   Code that traps must be identity-mapped in every stage (the handlers read the instruction at
   epc to skip it), and HS/VS handler code and stacks must be reachable in the modes they run.

   RETURN_TO_M label   from any mode: a silent ecall (s8 = CORPUS_HYP_RESUME) that every
                       handler passes up to M, which continues at label in M-mode with V=0.
                       Never delegate ecall from HS (medeleg bit 9) or it cannot get back.
   ENTER_V mode, label mret to VS (MODE_S) or VU (MODE_U) at label (MPV=1). Clobbers t0.
   ENTER_HS mode, label mret to HS or U (V=0) at label. Clobbers t0.
   Reserved: s8 (the resume request), s9, s10, s11. */
#ifndef CORPUS_HYP_S
#define CORPUS_HYP_S

#define CORPUS_HYP_RESUME 0x600d
/* Causes whose tval can be a guest-virtual address: 0 1 4 5 6 7 12 13 15 20 21 23. */
#define CORPUS_HYP_ADDRESS_CAUSES 0x00b0b0f3
#define MSTATUSH_MPV 0x80
#define MSTATUSH_GVA 0x40
#define HSTATUS_GVA 0x40
#define HSTATUS_SPV 0x80
#define HSTATUS_SPVP 0x100
#define HSTATUS_HU 0x200
#define HSTATUS_VTVM 0x100000
#define HSTATUS_VTW 0x200000
#define HSTATUS_VTSR 0x400000

.macro HTRAP_INIT
  TRAP_INIT
  la t0, corpus_hyp_mtrap
  csrw mtvec, t0
  la t0, corpus_hyp_mstack_top
  csrw mscratch, t0
  la t0, corpus_hyp_strap
  csrw stvec, t0
  la t0, corpus_hyp_sstack_top
  csrw sscratch, t0
  la t0, corpus_hyp_vstrap
  csrw vstvec, t0
  la t0, corpus_hyp_vsstack_top
  csrw vsscratch, t0
  li s8, 0
  PMP_OPEN
.endm

.macro RETURN_TO_M label
  li s8, CORPUS_HYP_RESUME
  la s11, \label
  ecall
.endm

.macro ENTER_V mode, target
  li t0, MSTATUSH_MPV
  csrs mstatush, t0
  li t0, MSTATUS_MPP_MASK
  csrc mstatus, t0
  li t0, ((\mode) << 11)
  csrs mstatus, t0
  la t0, \target
  csrw mepc, t0
  mret
.endm

.macro ENTER_HS mode, target
  li t0, MSTATUSH_MPV
  csrc mstatush, t0
  ENTER_MODE \mode, \target
.endm

/* Handler prologue: swap sp with the scratch CSR, save a0, a1, ra, t0, t5, t6 and the
   interrupted sp; the scratch CSR holds 0 while the handler runs. */
.macro CORPUS_HYP_PROLOGUE scratch, nested
  csrrw sp, \scratch, sp
  beqz sp, \nested
  addi sp, sp, -32
  sw ra, 0(sp)
  sw a0, 4(sp)
  sw a1, 8(sp)
  sw t0, 12(sp)
  sw t5, 16(sp)
  sw t6, 20(sp)
  csrr t0, \scratch
  sw t0, 24(sp)
  csrw \scratch, zero
.endm

.macro CORPUS_HYP_EPILOGUE scratch
  addi t0, sp, 32
  csrw \scratch, t0
  lw ra, 0(sp)
  lw a0, 4(sp)
  lw a1, 8(sp)
  lw t0, 12(sp)
  lw t5, 16(sp)
  lw t6, 20(sp)
  lw sp, 24(sp)
.endm

/* Prints " name=" and a0 as 8 hex digits; a1 = the name. */
.macro CORPUS_HYP_FIELD text, csrval
  \csrval
  la a1, \text
  call corpus_hyp_field
.endm

/* Skips the instruction at the epc CSR \epc (2 or 4 bytes). Clobbers t0, a0, a1. */
.macro CORPUS_HYP_SKIP epc
  csrr t0, \epc
  lhu a0, 0(t0)
  andi a0, a0, 3
  li a1, 3
  addi t0, t0, 2
  bne a0, a1, 1f
  addi t0, t0, 2
1: csrw \epc, t0
.endm

.pushsection .text.corpus, "ax"
/* a1 = " name=" text, a0 = value. Preserves all but a0. */
corpus_hyp_field:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw a0, 4(sp)
  mv a0, a1
  call corpus_puts
  lw a0, 4(sp)
  call corpus_hex8
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

  .align 2
corpus_hyp_mtrap:
  CORPUS_HYP_PROLOGUE mscratch, corpus_hyp_nested
  li t0, CORPUS_HYP_RESUME
  beq s8, t0, 5f
  addi s9, s9, 1
  la a0, corpus_hyp_text_m
  call corpus_puts
  csrr a0, mcause
  call corpus_hex8
  CORPUS_HYP_FIELD corpus_hyp_text_tval, "csrr a0, mtval"
  CORPUS_HYP_FIELD corpus_hyp_text_epc, "csrr a0, mepc; sub a0, a0, s10"
  CORPUS_HYP_FIELD corpus_hyp_text_mpp, "csrr a0, mstatus; srli a0, a0, 11; andi a0, a0, 3"
  CORPUS_HYP_FIELD corpus_hyp_text_mpv, "csrr a0, mstatush; srli a0, a0, 7; andi a0, a0, 1"
  csrr t0, mcause                  /* mstatush.GVA only for address causes (see above) */
  bltz t0, 8f
  li a0, CORPUS_HYP_ADDRESS_CAUSES
  srl a0, a0, t0
  andi a0, a0, 1
  beqz a0, 8f
  CORPUS_HYP_FIELD corpus_hyp_text_gva, "csrr a0, mstatush; srli a0, a0, 6; andi a0, a0, 1"
  j 9f
8: la a0, corpus_hyp_text_gva_na
  call corpus_puts
9: CORPUS_HYP_FIELD corpus_hyp_text_tval2, "csrr a0, mtval2"
  CORPUS_HYP_FIELD corpus_hyp_text_tinst, "csrr a0, mtinst"
  li a0, '\n'
  call corpus_putc
  bnez s11, 5f
  csrr t0, mcause
  bltz t0, 6f
  CORPUS_HYP_SKIP mepc
  j 7f
6: li a0, 1                          /* interrupt: disable it at its source enable */
  sll a0, a0, t0
  csrc mie, a0
  j 7f
5: li s8, 0                          /* resume in M-mode, V=0, at s11 */
  csrw mepc, s11
  li s11, 0
  li t0, MSTATUS_MPP_MASK
  csrs mstatus, t0
  li t0, MSTATUSH_MPV
  csrc mstatush, t0
7: CORPUS_HYP_EPILOGUE mscratch
  mret

  .align 2
corpus_hyp_strap:
  CORPUS_HYP_PROLOGUE sscratch, corpus_hyp_nested
  li t0, CORPUS_HYP_RESUME
  beq s8, t0, 5f
  addi s9, s9, 1
  la a0, corpus_hyp_text_hs
  call corpus_puts
  csrr a0, scause
  call corpus_hex8
  CORPUS_HYP_FIELD corpus_hyp_text_tval, "csrr a0, stval"
  CORPUS_HYP_FIELD corpus_hyp_text_epc, "csrr a0, sepc; sub a0, a0, s10"
  CORPUS_HYP_FIELD corpus_hyp_text_spp, "csrr a0, sstatus; srli a0, a0, 8; andi a0, a0, 1"
  CORPUS_HYP_FIELD corpus_hyp_text_spv, "csrr a0, hstatus; srli a0, a0, 7; andi a0, a0, 1"
  CORPUS_HYP_FIELD corpus_hyp_text_spvp, "csrr a0, hstatus; srli a0, a0, 8; andi a0, a0, 1"
  CORPUS_HYP_FIELD corpus_hyp_text_gva, "csrr a0, hstatus; srli a0, a0, 6; andi a0, a0, 1"
  CORPUS_HYP_FIELD corpus_hyp_text_htval, "csrr a0, htval"
  CORPUS_HYP_FIELD corpus_hyp_text_htinst, "csrr a0, htinst"
  li a0, '\n'
  call corpus_putc
  bnez s11, 5f
  csrr t0, scause
  bltz t0, 6f
  CORPUS_HYP_SKIP sepc
  j 7f
6: li a0, 1
  sll a0, a0, t0
  csrc sie, a0
  csrc hie, a0
7: CORPUS_HYP_EPILOGUE sscratch
  sret
5: CORPUS_HYP_EPILOGUE sscratch     /* pass the resume request up to M */
  li s8, CORPUS_HYP_RESUME
  ecall

  .align 2
corpus_hyp_vstrap:                  /* runs in VS-mode: sscratch/scause/... are the vs* CSRs */
  CORPUS_HYP_PROLOGUE sscratch, corpus_hyp_nested
  li t0, CORPUS_HYP_RESUME
  beq s8, t0, 5f
  addi s9, s9, 1
  la a0, corpus_hyp_text_vs
  call corpus_puts
  csrr a0, scause
  call corpus_hex8
  CORPUS_HYP_FIELD corpus_hyp_text_tval, "csrr a0, stval"
  CORPUS_HYP_FIELD corpus_hyp_text_epc, "csrr a0, sepc; sub a0, a0, s10"
  CORPUS_HYP_FIELD corpus_hyp_text_spp, "csrr a0, sstatus; srli a0, a0, 8; andi a0, a0, 1"
  li a0, '\n'
  call corpus_putc
  bnez s11, 5f
  csrr t0, scause
  bltz t0, 6f
  CORPUS_HYP_SKIP sepc
  j 7f
6: li a0, 1
  sll a0, a0, t0
  csrc sie, a0
7: CORPUS_HYP_EPILOGUE sscratch
  sret
5: CORPUS_HYP_EPILOGUE sscratch
  li s8, CORPUS_HYP_RESUME
  ecall

corpus_hyp_nested:
  la sp, corpus_hyp_mstack_top
  la a0, corpus_trap_text_nested
  call corpus_puts
  li a0, 99
  j corpus_exit
.popsection

.pushsection .rodata.corpus_str, "a"
corpus_hyp_text_m: .asciz "M cause="
corpus_hyp_text_hs: .asciz "HS cause="
corpus_hyp_text_vs: .asciz "VS cause="
corpus_hyp_text_tval: .asciz " tval="
corpus_hyp_text_epc: .asciz " epc=+"
corpus_hyp_text_mpp: .asciz " mpp="
corpus_hyp_text_mpv: .asciz " mpv="
corpus_hyp_text_gva: .asciz " gva="
corpus_hyp_text_gva_na: .asciz " gva=n/a"
corpus_hyp_text_tval2: .asciz " tval2="
corpus_hyp_text_tinst: .asciz " tinst="
corpus_hyp_text_spp: .asciz " spp="
corpus_hyp_text_spv: .asciz " spv="
corpus_hyp_text_spvp: .asciz " spvp="
corpus_hyp_text_htval: .asciz " htval="
corpus_hyp_text_htinst: .asciz " htinst="
.popsection

.pushsection .data.corpus_hyp, "aw"
  .align 4
corpus_hyp_mstack: .space 1024
corpus_hyp_mstack_top:
corpus_hyp_sstack: .space 1024
corpus_hyp_sstack_top:
corpus_hyp_vsstack: .space 1024
corpus_hyp_vsstack_top:
.popsection
#endif
