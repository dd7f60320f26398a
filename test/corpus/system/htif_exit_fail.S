/* HYPERSTEP-TEST: machine=spike
   HTIF exit with a non-zero code: after one line of console output, tohost = (3 << 1) | 1
   makes the machine exit with status 3. */

  .section .text.init
  .globl _start
_start:
  la a0, msg
1: lbu t1, 0(a0)
  beqz t1, 3f
  la t0, tohost
  sw t1, 0(t0)
  li t3, 0x01010000         /* device 1 (console), command 1 (putchar) */
  sw t3, 4(t0)
  la t4, fromhost
2: lw t5, 0(t4)
  lw t6, 4(t4)
  or t5, t5, t6
  beqz t5, 2b
  sw zero, 0(t4)
  sw zero, 4(t4)
  addi a0, a0, 1
  j 1b
3: la t0, tohost
  li t1, (3 << 1) | 1
  sw t1, 0(t0)
  sw zero, 4(t0)
4: j 4b

  .section .rodata
msg: .asciz "exiting with code 3 through HTIF\n"

  .section .tohost, "aw", @progbits
  .balign 64
  .globl tohost
  .type tohost, @object
  .size tohost, 8
tohost: .dword 0
  .balign 64
  .globl fromhost
  .type fromhost, @object
  .size fromhost, 8
fromhost: .dword 0
