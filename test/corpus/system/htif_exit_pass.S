/* HYPERSTEP-TEST: machine=spike
   HTIF on QEMU's spike machine: the console (device 1, command 1 = putchar, one byte per
   tohost write, the host answering in fromhost) and the exit command (device 0, command 0,
   payload (code << 1) | 1) with code 0. tohost/fromhost are 64-bit symbols in .tohost; on
   RV32 each is written low word first, then high word (the high-word write triggers). */

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  la a0, msg
  call htif_puts
  /* exit(0): tohost = (0 << 1) | 1 */
  la t0, tohost
  li t1, 1
  sw t1, 0(t0)
  sw zero, 4(t0)
1: j 1b

/* a0 = NUL-terminated string */
htif_puts:
  mv t2, a0
1: lbu t1, 0(t2)
  beqz t1, 3f
  la t0, tohost
  sw t1, 0(t0)              /* payload = the byte */
  li t3, 0x01010000         /* device 1, command 1 */
  sw t3, 4(t0)
  la t4, fromhost
2: lw t5, 0(t4)             /* wait for the host's answer */
  lw t6, 4(t4)
  or t5, t5, t6
  beqz t5, 2b
  sw zero, 0(t4)
  sw zero, 4(t4)
  addi t2, t2, 1
  j 1b
3: ret

  .section .rodata
msg: .asciz "hello over HTIF\n"

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
