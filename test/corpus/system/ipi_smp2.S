/* HYPERSTEP-TEST: smp=2
   Two harts: hart 1 waits in wfi with MSIE enabled; hart 0 sends it an IPI through CLINT
   msip[1] and waits for the acknowledgement; then both harts add 1 to a shared counter 1000
   times with amoadd.w; finally hart 1 sends hart 0 an IPI. The harts synchronise only
   through memory (AMOs), so the printed order is fixed. */
#include "corpus.S"

#define CLINT 0x2000000

  .section .text.init
  .globl _start
_start:
  csrr a0, mhartid
  la sp, hart_stacks + 4096
  slli t0, a0, 12
  add sp, sp, t0
  la t0, trap
  csrw mtvec, t0
  bnez a0, hart1

hart0:
1: la t0, ready
  lw t0, 0(t0)
  beqz t0, 1b
  la a0, s_ready
  call puts
  li t0, CLINT + 4          /* msip[1] */
  li t1, 1
  sw t1, 0(t0)
2: la t0, ack
  lw t0, 0(t0)
  beqz t0, 2b
  la a0, s_acked
  call puts
  /* shared counter */
  la t1, go
  li t0, 1
  amoswap.w zero, t0, (t1)
  call count
3: la t0, done1
  lw t0, 0(t0)
  beqz t0, 3b
  la a0, s_counter
  call puts
  la t0, counter
  lw t1, 0(t0)
  PUTHEX t1
  /* now hart 0 waits for an IPI from hart 1 (MIE stays 0 around wfi: see hart1) */
  li t0, 8
  csrw mie, t0
  la t1, turn
  li t0, 1
  amoswap.w zero, t0, (t1)
4: la t0, got0
  lw t0, 0(t0)
  bnez t0, 5f
  wfi
  csrsi mstatus, 8
  csrci mstatus, 8
  j 4b
5:
  la a0, s_done
  call puts
  EXIT 0

hart1:
  li t0, 8
  csrw mie, t0              /* MSIE; mstatus.MIE stays 0 except right after a wfi, so an
                               IPI that arrives before the wfi makes it return at once */
  la t1, ready
  li t0, 1
  amoswap.w zero, t0, (t1)
1: la t0, ack
  lw t0, 0(t0)
  bnez t0, 2f
  wfi
  csrsi mstatus, 8          /* the IPI is taken here */
  csrci mstatus, 8
  j 1b
2: la t0, go
  lw t0, 0(t0)
  beqz t0, 2b
  call count
  la t1, done1
  li t0, 1
  amoswap.w zero, t0, (t1)
3: la t0, turn
  lw t0, 0(t0)
  beqz t0, 3b
  li t0, CLINT              /* msip[0] */
  li t1, 1
  sw t1, 0(t0)
park:
  wfi
  j park

/* 1000 x amoadd.w 1 to counter */
count:
  la t1, counter
  li t2, 1000
  li t0, 1
1: amoadd.w zero, t0, (t1)
  addi t2, t2, -1
  bnez t2, 1b
  ret

/* a0 = NUL-terminated string */
puts:
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

  .balign 4
trap:
  addi sp, sp, -32
  sw ra, 0(sp)
  sw t0, 4(sp)
  sw t1, 8(sp)
  sw a0, 12(sp)
  sw s0, 16(sp)
  csrr s0, mhartid
  slli t0, s0, 2
  li t1, CLINT
  add t0, t0, t1
  sw zero, 0(t0)            /* clear own msip */
  la a0, s_hart
  call puts
  addi a0, s0, '0'
  call corpus_putc
  la a0, s_got
  call puts
  csrr t0, mcause
  PUTHEX t0
  li t0, 1
  bnez s0, 1f
  la t1, got0
  amoswap.w zero, t0, (t1)
  j 2f
1: la t1, ack
  amoswap.w zero, t0, (t1)
2: lw ra, 0(sp)
  lw t0, 4(sp)
  lw t1, 8(sp)
  lw a0, 12(sp)
  lw s0, 16(sp)
  addi sp, sp, 32
  mret

  .section .rodata
s_ready: .asciz "hart 0: hart 1 is ready, sending IPI\n"
s_acked: .asciz "hart 0: hart 1 acknowledged\n"
s_counter: .asciz "hart 0: shared counter after 2 x 1000 amoadd = "
s_done: .asciz "hart 0: done\n"
s_hart: .asciz "hart "
s_got: .asciz ": IPI received, mcause = "

  .data
  .balign 64
ready: .word 0
ack: .word 0
go: .word 0
done1: .word 0
turn: .word 0
got0: .word 0
counter: .word 0

  .bss
  .balign 16
hart_stacks: .space 8192
