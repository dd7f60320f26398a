# GCD by repeated subtraction (the course notes' example), on bare metal.
#
#   a = 0x18 (t1), b = 0x21 (t2)
#   while (a != b) { if (a > b) a = a - b; else b = b - a; }
#
# The result is printed on the QEMU-virt UART ("gcd(0x18, 0x21) = 0x3"), then the program
# powers the machine off through the sifive_test finisher (exit code 0).
# Runs unchanged on: qemu-system-riscv32 -M virt -bios none -nographic -kernel gcd.elf

  .equ UART, 0x10000000        # 16550A: THR at +0, LSR at +5 (bit 5: THR empty)
  .equ FINISHER, 0x100000      # write 0x5555: power off, exit code 0

  .option norelax              # keep la/call as written: no gp-relative relaxation (gp is not set up)

  .text
  .globl _start
_start:
  la sp, stack_top
  li t1, 0x18                  # a
  li t2, 0x21                  # b
  mv s0, t1                    # keep the inputs for the message
  mv s1, t2

gcd:
  beq t1, t2, done             # a == b: that is the gcd
  bltu t1, t2, b_larger
  sub t1, t1, t2               # a > b: a -= b
  j gcd
b_larger:
  sub t2, t2, t1               # b > a: b -= a
  j gcd

done:
  mv s2, t1                    # gcd
  la a0, text_gcd              # "gcd("
  call puts
  mv a0, s0
  call puthex
  la a0, text_comma            # ", "
  call puts
  mv a0, s1
  call puthex
  la a0, text_equals           # ") = "
  call puts
  mv a0, s2
  call puthex
  li a0, '\n'
  call putc

  li t0, FINISHER              # power off: exit code 0
  li t1, 0x5555
  sw t1, 0(t0)
1:j 1b

# putc(a0): wait until the transmitter is empty, then send the byte.
putc:
  li t0, UART
2:lbu t3, 5(t0)
  andi t3, t3, 0x20
  beqz t3, 2b
  sb a0, 0(t0)
  ret

# puts(a0): a NUL-terminated string.
puts:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  mv s0, a0
3:lbu a0, 0(s0)
  beqz a0, 4f
  call putc
  addi s0, s0, 1
  j 3b
4:lw ra, 12(sp)
  lw s0, 8(sp)
  addi sp, sp, 16
  ret

# puthex(a0): "0x" and the value in hex, without leading zeros.
puthex:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  sw s1, 4(sp)
  mv s0, a0
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li s1, 28                    # shift of the digit to print
5:srl t4, s0, s1
  bnez t4, 6f                  # skip leading zeros ...
  bnez s1, 8f                  # ... but always print the last digit
6:andi t4, t4, 0xf
  addi a0, t4, '0'
  li t5, 10
  bltu t4, t5, 7f
  addi a0, t4, 'a' - 10
7:call putc
8:addi s1, s1, -4
  bgez s1, 5b
  lw ra, 12(sp)
  lw s0, 8(sp)
  lw s1, 4(sp)
  addi sp, sp, 16
  ret

  .section .rodata
text_gcd:    .asciz "gcd("
text_comma:  .asciz ", "
text_equals: .asciz ") = "

  .bss
  .align 4
  .space 1024
stack_top:
