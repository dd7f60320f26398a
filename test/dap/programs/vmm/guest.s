# A small guest kernel for the built-in VMM's debugger tests: one UART store (an MMIO exit), SBI
# calls (legacy putchar, DBCN write_byte), a call, a store to RAM the VMM backs on first touch (a
# guest-page fault exit), a counter in memory, and SRST shutdown.
  .equ UART, 0x10000000
  .equ EID_SRST, 0x53525354
  .equ EID_DBCN, 0x4442434E
  .option norelax

  .text
  .globl _start
_start:
  la sp, stack_top
  li s0, UART
  li a0, 'H'
  sb a0, 0(s0)                 # MMIO: VM exit, mmio.uart.write
  li a0, 'i'
  li a7, 1
  ecall                        # SBI legacy console_putchar: VM exit, sbi.console_putchar
  li a0, '!'
  li a7, EID_DBCN
  li a6, 2
  ecall                        # SBI DBCN console_write_byte: VM exit, sbi.dbcn.write_byte
  li a0, '\n'
  call putc
  li t2, 0x80200000
  li s1, 3
  sw s1, 0(t2)                 # unbacked guest RAM: VM exit, gstage.map, then the store retries
loop:
  la t0, counter
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)                 # counter += 1 (no exit: plain guest RAM)
  addi s1, s1, -1
  bnez s1, loop
  lw a0, 0(t0)
  addi a0, a0, '0'
  call putc
  li a0, '\n'
  call putc
  li a0, 0
  li a1, 0
  li a7, EID_SRST
  li a6, 0
  ecall                        # SRST shutdown: the VM ends
1:j 1b

putc:                          # a0 = byte, through the UART (one MMIO exit)
  li t0, UART
  sb a0, 0(t0)
  ret

  .data
counter: .word 0

  .bss
  .align 4
stack: .space 512
stack_top:
