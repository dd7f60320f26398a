# A second guest for two-VM sessions: linked at the same guest addresses as guest.s, it prints
# through the legacy SBI console and shuts down.
  .equ EID_SRST, 0x53525354
  .option norelax

  .text
  .globl _start
_start:
  la sp, stack_top
  la s0, msg
print:
  lbu a0, 0(s0)
  beqz a0, done
  li a7, 1
  ecall                        # SBI legacy console_putchar
  addi s0, s0, 1
  j print
done:
  li a0, 0
  li a1, 0
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

  .section .rodata
msg: .asciz "two\n"

  .bss
  .align 4
stack: .space 256
stack_top:
