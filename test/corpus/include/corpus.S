/* Shared helpers for assembly corpus programs. Include with: #include "corpus.S" (use .S files).
   Routines clobber only t5, t6 and a0 where noted; PRINT_* macros preserve everything else. */
#define UART_BASE 0x10000000
#define FINISHER  0x100000

/* Print the register's value as 8 hex digits and a newline (preserves all registers). */
.macro PUTHEX reg
  addi sp, sp, -8
  sw a0, 0(sp)
  sw ra, 4(sp)
  mv a0, \reg
  call corpus_puthex
  lw a0, 0(sp)
  lw ra, 4(sp)
  addi sp, sp, 8
.endm

/* Print a character constant (preserves all registers). */
.macro PUTC ch
  addi sp, sp, -8
  sw a0, 0(sp)
  sw ra, 4(sp)
  li a0, \ch
  call corpus_putc
  lw a0, 0(sp)
  lw ra, 4(sp)
  addi sp, sp, 8
.endm

/* Exit: code 0 passes, anything else fails with that exit code. */
.macro EXIT code
  li a0, \code
  j corpus_exit
.endm

/* Routines are placed in their own section so they follow the test's code. */
.pushsection .text.corpus, "ax"
corpus_putc:            /* a0 = character; clobbers t5, t6 */
  li t5, UART_BASE
1: lbu t6, 5(t5)
  andi t6, t6, 0x20
  beqz t6, 1b
  sb a0, 0(t5)
  ret
corpus_puthex:          /* a0 = value; prints 8 hex digits + '\n'; clobbers t3-t6, a0 */
  addi sp, sp, -8
  sw ra, 0(sp)
  sw s0, 4(sp)
  mv s0, a0
  li t3, 28
2: srl a0, s0, t3
  andi a0, a0, 15
  li t4, 10
  blt a0, t4, 3f
  addi a0, a0, 'a' - 10
  j 4f
3: addi a0, a0, '0'
4: call corpus_putc
  addi t3, t3, -4
  bgez t3, 2b
  li a0, '\n'
  call corpus_putc
  lw ra, 0(sp)
  lw s0, 4(sp)
  addi sp, sp, 8
  ret
corpus_exit:            /* a0 = code */
  li t5, FINISHER
  beqz a0, 5f
  slli a0, a0, 16
  li t6, 0x3333
  or a0, a0, t6
  sw a0, 0(t5)
6: j 6b
5: li t6, 0x5555
  sw t6, 0(t5)
  j 6b
.popsection
