/* Trap handling, privilege switching and labelled printing for assembly corpus programs.
   Include after corpus.S:   #include "corpus.S"
                             #include "corpus_trap.S"

   Register conventions while TRAP_INIT's handler is installed:
     s9  = number of traps taken (the handler increments it)
     s10 = base address for the printed epc ("epc=+offset" is mepc - s10), set by EXPECT_AT
     s11 = resume address: when non-zero, the handler returns to M-mode at s11 and clears it;
           when zero, it returns to the trapping mode after the trapping instruction (2 or 4 bytes)
   The handler stores mstatus as the trap left it in corpus_last_trap_mstatus (LAST_TRAP_MSTATUS).
   The handler uses mscratch as its stack pointer: a program that writes mscratch must restore
   it (TRAP_INIT) before the next trap. A trap inside the handler prints "NESTED TRAP" and exits
   with code 99. PRINT, CHECK and PUTS preserve every register; TRAP_INIT, ENTER_MODE and
   PMP_OPEN clobber t0; EXPECT_AT, RESUME_AT and BACK_TO_M set s10/s11. */
#ifndef CORPUS_TRAP_S
#define CORPUS_TRAP_S

#define MSTATUS_MPP_MASK 0x1800
#define MODE_U 0
#define MODE_S 1
#define MODE_M 3

/* Install the handler (direct mode), arm its stack, clear s9..s11. */
.macro TRAP_INIT
  la t0, corpus_trap_handler
  csrw mtvec, t0
  la t0, corpus_trap_stack_top
  csrw mscratch, t0
  li s9, 0
  li s10, 0
  li s11, 0
.endm

/* The next trap's epc is printed relative to \label. */
.macro EXPECT_AT label
  la s10, \label
.endm

/* After the next trap, continue in M-mode at \label (instead of skipping the instruction). */
.macro RESUME_AT label
  la s11, \label
.endm

/* Drop (or rise) to privilege \mode (MODE_U/S/M) at \target through mret. Clobbers t0. */
.macro ENTER_MODE mode, target
  li t0, MSTATUS_MPP_MASK
  csrc mstatus, t0
  li t0, ((\mode) << 11)
  csrs mstatus, t0
  la t0, \target
  csrw mepc, t0
  mret
.endm

/* From U- or S-mode: trap back to M-mode and continue at \label (prints the ecall trap,
   with epc relative to the ecall itself). */
.macro BACK_TO_M label
  la s10, .Lcorpus_ecall\@
  la s11, \label
.Lcorpus_ecall\@:
  ecall
.endm

/* \reg = mstatus as the last trap left it */
.macro LAST_TRAP_MSTATUS reg
  la \reg, corpus_last_trap_mstatus
  lw \reg, 0(\reg)
.endm

/* PMP entry 0 = the whole address space, RWX (NAPOT), so S and U may fetch and access. */
.macro PMP_OPEN
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
.endm

/* Print "text" (no newline). */
.macro PUTS text
  addi sp, sp, -16
  sw a0, 0(sp)
  sw ra, 4(sp)
  sw t5, 8(sp)
  sw t6, 12(sp)
  la a0, .Lcorpus_str\@
  call corpus_puts
  lw a0, 0(sp)
  lw ra, 4(sp)
  lw t5, 8(sp)
  lw t6, 12(sp)
  addi sp, sp, 16
  .pushsection .rodata.corpus_str, "a"
.Lcorpus_str\@: .asciz "\text"
  .popsection
.endm

/* Print "name=XXXXXXXX\n" with the register's value (any register but sp). */
.macro PRINT name, reg
  addi sp, sp, -16
  sw a0, 0(sp)
  sw a1, 4(sp)
  sw ra, 8(sp)
  mv a1, \reg
  la a0, .Lcorpus_str\@
  call corpus_print_labelled
  lw a0, 0(sp)
  lw a1, 4(sp)
  lw ra, 8(sp)
  addi sp, sp, 16
  .pushsection .rodata.corpus_str, "a"
.Lcorpus_str\@: .asciz "\name"
  .popsection
.endm

/* Like PRINT, and if the value differs from \expected (a constant), append
   " FAIL expected=YYYYYYYY" and count a failure (FINISH exits non-zero). */
.macro CHECK name, reg, expected
  addi sp, sp, -16
  sw a0, 0(sp)
  sw a1, 4(sp)
  sw a2, 8(sp)
  sw ra, 12(sp)
  mv a1, \reg
  la a0, .Lcorpus_str\@
  li a2, \expected
  call corpus_check
  lw a0, 0(sp)
  lw a1, 4(sp)
  lw a2, 8(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  .pushsection .rodata.corpus_str, "a"
.Lcorpus_str\@: .asciz "\name"
  .popsection
.endm

/* Print the failure count and exit: 0 if every CHECK passed, else 1. */
.macro FINISH
  la t0, corpus_failures
  lw t1, 0(t0)
  PRINT failures, t1
  snez a0, t1
  j corpus_exit
.endm

.pushsection .text.corpus, "ax"
/* a0 = zero-terminated string. Clobbers a0, t5, t6. */
corpus_puts:
  addi sp, sp, -8
  sw ra, 0(sp)
  sw s0, 4(sp)
  mv s0, a0
1: lbu a0, 0(s0)
  beqz a0, 2f
  call corpus_putc
  addi s0, s0, 1
  j 1b
2: lw ra, 0(sp)
  lw s0, 4(sp)
  addi sp, sp, 8
  ret

/* a0 = value: 8 hex digits, no newline. Preserves everything but a0. */
corpus_hex8:
  addi sp, sp, -24
  sw ra, 0(sp)
  sw s0, 4(sp)
  sw s1, 8(sp)
  sw t5, 12(sp)
  sw t6, 16(sp)
  mv s0, a0
  li s1, 28
1: srl a0, s0, s1
  andi a0, a0, 15
  addi a0, a0, '0'
  li t6, '9'
  ble a0, t6, 2f
  addi a0, a0, 'a' - '9' - 1
2: call corpus_putc
  addi s1, s1, -4
  bgez s1, 1b
  lw ra, 0(sp)
  lw s0, 4(sp)
  lw s1, 8(sp)
  lw t5, 12(sp)
  lw t6, 16(sp)
  addi sp, sp, 24
  ret

/* a0 = name, a1 = value: "name=XXXXXXXX\n". Preserves everything but a0. */
corpus_print_labelled:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw t5, 4(sp)
  sw t6, 8(sp)
  call corpus_puts
  li a0, '='
  call corpus_putc
  mv a0, a1
  call corpus_hex8
  li a0, '\n'
  call corpus_putc
  lw ra, 0(sp)
  lw t5, 4(sp)
  lw t6, 8(sp)
  addi sp, sp, 16
  ret

/* a0 = name, a1 = value, a2 = expected. Preserves everything but a0. */
corpus_check:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw t5, 4(sp)
  sw t6, 8(sp)
  call corpus_puts
  li a0, '='
  call corpus_putc
  mv a0, a1
  call corpus_hex8
  beq a1, a2, 1f
  la a0, corpus_fail_text
  call corpus_puts
  mv a0, a2
  call corpus_hex8
  la t5, corpus_failures
  lw t6, 0(t5)
  addi t6, t6, 1
  sw t6, 0(t5)
1: li a0, '\n'
  call corpus_putc
  lw ra, 0(sp)
  lw t5, 4(sp)
  lw t6, 8(sp)
  addi sp, sp, 16
  ret

/* Prints "trap cause=C tval=V epc=+O from=M" (M = the trapping mode from mstatus.MPP). */
  .align 2
corpus_trap_handler:
  csrrw sp, mscratch, sp
  beqz sp, corpus_nested_trap       /* mscratch is 0 while the handler runs */
  addi sp, sp, -48
  sw ra, 0(sp)
  sw a0, 4(sp)
  sw a1, 8(sp)
  sw t0, 12(sp)
  sw t5, 16(sp)
  sw t6, 20(sp)
  csrr t0, mscratch
  sw t0, 24(sp)                     /* the interrupted sp */
  csrw mscratch, zero
  addi s9, s9, 1
  csrr t0, mstatus                  /* as the trap left it, for tests of xRET/trap effects */
  la a0, corpus_last_trap_mstatus
  sw t0, 0(a0)
  la a0, corpus_trap_text_cause
  call corpus_puts
  csrr a0, mcause
  call corpus_hex8
  la a0, corpus_trap_text_tval
  call corpus_puts
  csrr a0, mtval
  call corpus_hex8
  la a0, corpus_trap_text_epc
  call corpus_puts
  csrr a0, mepc
  sub a0, a0, s10
  call corpus_hex8
  la a0, corpus_trap_text_from
  call corpus_puts
  csrr a0, mstatus
  srli a0, a0, 11
  andi a0, a0, 3
  addi a0, a0, '0'
  call corpus_putc
  li a0, '\n'
  call corpus_putc
  beqz s11, 1f
  csrw mepc, s11                    /* resume in M-mode at s11 */
  li s11, 0
  li t0, MSTATUS_MPP_MASK
  csrs mstatus, t0
  j 3f
1: csrr t0, mepc                    /* skip the trapping instruction */
  lhu a0, 0(t0)
  andi a0, a0, 3
  li a1, 3
  addi t0, t0, 2
  bne a0, a1, 2f
  addi t0, t0, 2
2: csrw mepc, t0
3: addi t0, sp, 48
  csrw mscratch, t0                 /* re-arm */
  lw ra, 0(sp)
  lw a0, 4(sp)
  lw a1, 8(sp)
  lw t0, 12(sp)
  lw t5, 16(sp)
  lw t6, 20(sp)
  lw sp, 24(sp)
  mret

corpus_nested_trap:
  la sp, corpus_trap_stack_top
  la a0, corpus_trap_text_nested
  call corpus_puts
  csrr a0, mcause
  call corpus_hex8
  li a0, ' '
  call corpus_putc
  csrr a0, mepc
  call corpus_hex8
  li a0, '\n'
  call corpus_putc
  li a0, 99
  j corpus_exit
.popsection

.pushsection .rodata.corpus_str, "a"
corpus_trap_text_cause: .asciz "trap cause="
corpus_trap_text_tval: .asciz " tval="
corpus_trap_text_epc: .asciz " epc=+"
corpus_trap_text_from: .asciz " from="
corpus_trap_text_nested: .asciz "NESTED TRAP "
corpus_fail_text: .asciz " FAIL expected="
.popsection

.pushsection .data.corpus_trap, "aw"
  .align 4
corpus_failures: .word 0
/* mstatus as the last trap left it (before the handler's own mret changed it) */
corpus_last_trap_mstatus: .word 0
corpus_trap_stack: .space 1024
corpus_trap_stack_top:
.popsection
#endif
