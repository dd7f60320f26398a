# A machine timer interrupt with a handler, on bare metal (M-mode).
#
# - mtvec in vectored mode: interrupt n jumps to vectors + 4*n, so the machine timer interrupt
#   (cause 7) lands directly in its own handler; exceptions (and anything else) go to entry 0.
# - The CLINT's 64-bit mtime and mtimecmp (10 MHz on QEMU virt) are read and written as two
#   32-bit halves, carefully: mtime's high word is read twice to catch a carry between reads,
#   and mtimecmp's high word is set to all ones while the low word changes.
# - The main program sleeps in wfi; the handler counts ticks and re-arms the timer 1 ms later.
# After 5 ticks the program powers off through the sifive_test finisher (exit code 0).
# Runs unchanged on: qemu-system-riscv32 -M virt -bios none -nographic -kernel timer.elf

  .equ UART, 0x10000000
  .equ FINISHER, 0x100000
  .equ MTIMECMP, 0x2004000     # hart 0's mtimecmp (low word; high word at +4)
  .equ MTIME, 0x200bff8        # mtime (low word; high word at +4)
  .equ INTERVAL, 10000         # 1 ms at 10 MHz
  .equ TICKS, 5

  .option norelax              # keep la/call as written: no gp-relative relaxation (gp is not set up)

  .text
  .globl _start
_start:
  la sp, stack_top
  la a0, hello
  call puts
  la t0, vectors
  ori t0, t0, 1                # MODE = 1: vectored
  csrw mtvec, t0
  li s0, 0                     # ticks seen (the handler increments it)
  call arm_timer
  li t0, 0x80                  # mie.MTIE: the machine timer interrupt may be taken
  csrw mie, t0
  csrsi mstatus, 0x8           # mstatus.MIE: interrupts on in M-mode
wait:
  wfi                          # sleep until an interrupt is pending
  li t0, TICKS
  bltu s0, t0, wait
  csrci mstatus, 0x8
  la a0, done
  call puts
  li t0, FINISHER
  li t1, 0x5555
  sw t1, 0(t0)
1:j 1b

# The vector table: 4-byte jumps (no compressed instructions), aligned for mtvec.
  .align 6
vectors:
  .option push
  .option norvc
  j unexpected                 # 0: exceptions
  j unexpected                 # 1: supervisor software
  j unexpected                 # 2
  j unexpected                 # 3: machine software
  j unexpected                 # 4
  j unexpected                 # 5: supervisor timer
  j unexpected                 # 6
  j timer_interrupt            # 7: machine timer
  j unexpected                 # 8
  j unexpected                 # 9: supervisor external
  j unexpected                 # 10
  j unexpected                 # 11: machine external
  .option pop

# Machine timer interrupt: mepc points at the instruction after the wfi that slept.
timer_interrupt:
  addi sp, sp, -32             # the interrupted code's registers must survive
  sw ra, 28(sp)
  sw a0, 24(sp)
  sw t0, 20(sp)
  sw t1, 16(sp)
  sw t2, 12(sp)
  sw t3, 8(sp)
  sw t4, 4(sp)
  sw t5, 0(sp)
  addi s0, s0, 1
  la a0, tick
  call puts
  mv a0, s0
  call puthex
  la a0, cause
  call puts
  csrr a0, mcause              # 0x80000007: interrupt bit | machine timer
  call puthex
  li a0, '\n'
  call putc
  call arm_timer               # writing mtimecmp clears the pending interrupt
  lw ra, 28(sp)
  lw a0, 24(sp)
  lw t0, 20(sp)
  lw t1, 16(sp)
  lw t2, 12(sp)
  lw t3, 8(sp)
  lw t4, 4(sp)
  lw t5, 0(sp)
  addi sp, sp, 32
  mret

unexpected:
  la a0, oops
  call puts
  csrr a0, mcause
  call puthex
  li t0, FINISHER              # exit code 1
  li t1, 0x13333
  sw t1, 0(t0)
2:j 2b

# arm_timer: mtimecmp = mtime + INTERVAL, with 64-bit arithmetic on two halves.
arm_timer:
  li t0, MTIME
3:lw t2, 4(t0)                 # high
  lw t1, 0(t0)                 # low
  lw t3, 4(t0)                 # high again: if it changed, the low word wrapped in between
  bne t2, t3, 3b
  li t4, INTERVAL
  add t4, t1, t4               # low + INTERVAL
  sltu t5, t4, t1              # carry out of the low word
  add t2, t2, t5
  li t0, MTIMECMP
  li t1, -1
  sw t1, 4(t0)                 # high = all ones: no early interrupt while low changes
  sw t4, 0(t0)
  sw t2, 4(t0)
  ret

# putc(a0): wait until the transmitter is empty, then send the byte.
putc:
  li t0, UART
4:lbu t1, 5(t0)
  andi t1, t1, 0x20
  beqz t1, 4b
  sb a0, 0(t0)
  ret

# puts(a0): a NUL-terminated string.
puts:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s1, 8(sp)
  mv s1, a0
5:lbu a0, 0(s1)
  beqz a0, 6f
  call putc
  addi s1, s1, 1
  j 5b
6:lw ra, 12(sp)
  lw s1, 8(sp)
  addi sp, sp, 16
  ret

# puthex(a0): "0x" and the value in hex, without leading zeros.
puthex:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s1, 8(sp)
  sw s2, 4(sp)
  mv s1, a0
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li s2, 28
7:srl t2, s1, s2
  bnez t2, 8f                  # skip leading zeros ...
  bnez s2, 10f                 # ... but always print the last digit
8:andi t2, t2, 0xf
  addi a0, t2, '0'
  li t3, 10
  bltu t2, t3, 9f
  addi a0, t2, 'a' - 10
9:call putc
10:addi s2, s2, -4
  bgez s2, 7b
  lw ra, 12(sp)
  lw s1, 8(sp)
  lw s2, 4(sp)
  addi sp, sp, 16
  ret

  .section .rodata
hello: .asciz "Machine timer: 5 ticks, 1 ms apart\n"
tick:  .asciz "tick "
cause: .asciz ": mcause = "
done:  .asciz "done\n"
oops:  .asciz "unexpected trap, mcause = "

  .bss
  .align 4
  .space 1024
stack_top:
