# Hello, bare metal: prints a greeting on the QEMU-virt UART, then counts down with a machine
# timer interrupt every 10 ms of machine time, and powers off through the test finisher.
# Plain GNU as syntax; build.sh builds the committed hello.elf from it with GNU as/ld.
# Runs unchanged on: qemu-system-riscv32 -M virt -bios none -nographic -kernel hello.elf

  .equ UART, 0x10000000
  .equ FINISHER, 0x100000
  .equ MTIMECMP, 0x2004000
  .equ MTIME, 0x200bff8
  .equ TICK, 100000            # 10 ms at the 10 MHz timebase

  .option norelax              # keep la/call as written: no gp-relative relaxation (gp is not set up)

  .text
  .globl _start
_start:
  la sp, stack_top
  la a0, greeting
  call puts
  la t0, on_trap
  csrw mtvec, t0
  li s0, 3                     # ticks to count
  call arm_timer
  li t0, 0x80                  # mie.MTIE
  csrw mie, t0
  csrsi mstatus, 0x8           # mstatus.MIE
1:wfi
  bnez s0, 1b
  la a0, bye
  call puts
  li t0, FINISHER
  li t1, 0x5555
  sw t1, 0(t0)
2:j 2b

# Machine timer interrupt: print the tick, count down, re-arm.
  .align 2
on_trap:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw a0, 4(sp)
  addi a0, s0, '0'
  call putc
  li a0, '\n'
  call putc
  addi s0, s0, -1
  call arm_timer
  lw ra, 0(sp)
  lw a0, 4(sp)
  addi sp, sp, 16
  mret

arm_timer:                     # mtimecmp = mtime + TICK (mtime's high word stays 0 here)
  li t0, MTIME
  lw t1, 0(t0)
  li t2, TICK
  add t1, t1, t2
  li t0, MTIMECMP
  li t2, -1
  sw t2, 4(t0)                 # no spurious interrupt while the halves are updated
  sw t1, 0(t0)
  sw zero, 4(t0)
  ret

puts:                          # a0 = NUL-terminated string
  mv t3, ra
  mv t4, a0
3:lbu a0, 0(t4)
  beqz a0, 4f
  call putc
  addi t4, t4, 1
  j 3b
4:mv ra, t3
  ret

putc:                          # a0 = byte; waits for THR empty
  li t0, UART
5:lbu t1, 5(t0)
  andi t1, t1, 0x20
  beqz t1, 5b
  sb a0, 0(t0)
  ret

  .section .rodata
greeting: .asciz "Hello from Hyperstep! Counting timer ticks:\n"
bye:      .asciz "Liftoff.\n"

  .bss
  .align 4
  .space 4096
stack_top:
