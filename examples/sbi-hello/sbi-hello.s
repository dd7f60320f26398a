# Hello from S-mode: a supervisor program that talks to its firmware through the SBI
# (RISC-V Supervisor Binary Interface v2.0), the way a kernel boots on OpenSBI.
#
# The firmware starts this program in S-mode with a0 = hart id and a1 = the address of the
# device tree. An SBI call is an ecall with the extension id in a7, the function id in a6 and
# arguments in a0..a5; it returns an error code in a0 (0: success) and a value in a1.
#   - DBCN (debug console): console_write(len, addr, 0) and console_write_byte(byte)
#   - BASE: probe_extension(eid) -> 1 when the firmware has that extension
#   - TIME: set_timer(time) -> a supervisor timer interrupt (scause 0x80000005) at that time
#   - SRST: system_reset(0 = shutdown, 0 = no reason) -> the machine powers off (exit code 0)
#
# Hyperstep:  hyperstep run sbi-hello.s --sbi builtin   (or "sbi": "builtin" in launch.json)
# QEMU:       link at 0x80400000 and run with -bios default (OpenSBI >= 1.3 for DBCN)

  .equ EID_BASE, 0x10
  .equ EID_TIME, 0x54494D45    # "TIME"
  .equ EID_SRST, 0x53525354    # "SRST"
  .equ EID_DBCN, 0x4442434E    # "DBCN"

  .option norelax              # keep la/call as written: no gp-relative relaxation (gp is not set up)

  .text
  .globl _start
_start:
  mv s0, a0                    # hart id
  mv s1, a1                    # device tree
  la sp, stack_top

  la a0, greeting
  call puts
  la a0, msg_hart
  call puts
  mv a0, s0
  call puthex
  li a0, '\n'
  call putc

  la a0, msg_fdt               # the device tree starts with the big-endian magic 0xd00dfeed
  call puts
  lbu t0, 0(s1)
  lbu t1, 1(s1)
  lbu t2, 2(s1)
  lbu t3, 3(s1)
  slli t0, t0, 24
  slli t1, t1, 16
  slli t2, t2, 8
  or a0, t0, t1
  or a0, a0, t2
  or a0, a0, t3
  call puthex
  li a0, '\n'
  call putc

  la a0, msg_probe             # does the firmware have the TIME extension?
  call puts
  li a0, EID_TIME
  li a7, EID_BASE
  li a6, 3                     # probe_extension
  ecall
  mv a0, a1
  call puthex
  li a0, '\n'
  call putc

  la t0, on_trap               # a timer interrupt 10 ms from now
  csrw stvec, t0
  li t0, 0x20                  # sie.STIE
  csrw sie, t0
  rdtime a0                    # the time CSR counts at 10 MHz on QEMU virt
  li t0, 100000
  add a0, a0, t0
  li a1, 0                     # RV32: the 64-bit time in a1:a0
  li a7, EID_TIME
  li a6, 0                     # set_timer
  ecall
  csrsi sstatus, 0x2           # sstatus.SIE
  li s2, 0
1:wfi                          # sleep until the interrupt has come
  beqz s2, 1b
  csrci sstatus, 0x2

  la a0, goodbye
  call puts
  li a0, 0                     # shutdown
  li a1, 0                     # no reason
  li a7, EID_SRST
  li a6, 0                     # system_reset
  ecall
2:j 2b                         # not reached

# The S-mode trap handler: only the timer interrupt is expected.
  .align 2
on_trap:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw a0, 8(sp)
  sw a1, 4(sp)
  la a0, msg_irq
  call puts
  csrr a0, scause
  call puthex
  li a0, '\n'
  call putc
  li a0, -1                    # no further timer event: set_timer(all ones) also
  li a1, -1                    # clears the pending interrupt
  li a7, EID_TIME
  li a6, 0
  ecall
  li s2, 1
  lw ra, 12(sp)
  lw a0, 8(sp)
  lw a1, 4(sp)
  addi sp, sp, 16
  sret

# putc(a0): DBCN console_write_byte. An ecall changes only a0 and a1.
putc:
  li a7, EID_DBCN
  li a6, 2
  ecall
  ret

# puts(a0): DBCN console_write of the whole string (its length first).
puts:
  mv a1, a0                    # address
  mv t0, a0
3:lbu t1, 0(t0)
  beqz t1, 4f
  addi t0, t0, 1
  j 3b
4:sub a0, t0, a1               # length
  li a2, 0                     # high bits of the address
  li a7, EID_DBCN
  li a6, 0
  ecall
  ret

# puthex(a0): "0x" and the value in hex, without leading zeros.
puthex:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s3, 8(sp)
  sw s4, 4(sp)
  mv s3, a0
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li s4, 28
5:srl t4, s3, s4
  bnez t4, 6f                  # skip leading zeros ...
  bnez s4, 8f                  # ... but always print the last digit
6:andi t4, t4, 0xf
  addi a0, t4, '0'
  li t5, 10
  bltu t4, t5, 7f
  addi a0, t4, 'a' - 10
7:call putc
8:addi s4, s4, -4
  bgez s4, 5b
  lw ra, 12(sp)
  lw s3, 8(sp)
  lw s4, 4(sp)
  addi sp, sp, 16
  ret

  .section .rodata
greeting:  .asciz "Hello from S-mode, through the SBI!\n"
msg_hart:  .asciz "hart id (a0): "
msg_fdt:   .asciz "device tree magic (at a1): "
msg_probe: .asciz "TIME extension available: "
msg_irq:   .asciz "timer interrupt, scause = "
goodbye:   .asciz "Shutting down through SRST.\n"

  .bss
  .align 4
  .space 2048
stack_top:
