# hello: the smallest guest kernel, printing three ways.
#
# A guest kernel is S-mode code. It boots as Linux does on OpenSBI: at its entry, in S-mode
# (VS-mode under the VMM), with a0 = hart id, a1 = the (guest-)physical address of a device tree,
# paging off and interrupts off. It talks to the machine in two ways:
#   - device registers (MMIO): the 16550 UART at 0x10000000. Under Hyperstep's VMM the UART is a
#     device model, so every load or store to it traps out of the guest (a VM exit), is emulated,
#     and the guest resumes after the instruction: trap-and-emulate.
#   - SBI calls (ecall with a7 = extension, a6 = function, a0..a5 = arguments; a0 = error and
#     a1 = value come back): here DBCN console_write (a whole buffer in one call), DBCN
#     console_write_byte, the legacy console_putchar/getchar, and SRST system_reset to power off.
#     Under the VMM each ecall is a VM exit too; on QEMU the SBI firmware (sbi-shim) serves it.
#
# The guest counts its own UART register accesses (s11) and SBI calls (s10) and prints both, so
# you can compare them with the VMM's exit statistics (hyperstep run --vmm nested hello.s --stats).
#
# Hyperstep:  hyperstep run --vmm nested hello.s
# QEMU:       see ../README.md (GNU as/ld at 0x80000000, the sbi-shim as firmware)

  .equ UART, 0x10000000
  .equ EID_SRST, 0x53525354    # "SRST"
  .equ EID_DBCN, 0x4442434E    # "DBCN"

  .option norelax              # keep la/call as written: no gp-relative relaxation (gp is not set up)

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  mv s0, a0                    # hart id
  mv s1, a1                    # device tree
  la sp, stack_top
  li s11, 0                    # UART register accesses so far
  li s10, 0                    # SBI calls so far

  # 1. The UART, programmed directly: each access below is one MMIO exit under the VMM.
  call uart_init
  la a0, msg_uart
  call uart_puts

  # 2. DBCN console_write: the whole line in one SBI call. a0 = length, a1 = address (low
  #    32 bits), a2 = address (high 32 bits); it returns a1 = the number of bytes written.
  la a1, msg_dbcn
  la t0, msg_dbcn_end
  sub a0, t0, a1
  li a2, 0
  li a7, EID_DBCN
  li a6, 0                     # console_write
  ecall
  addi s10, s10, 1
  mv s2, a1                    # bytes written

  # 3. DBCN console_write_byte: one call per byte.
  la s3, msg_byte
1:lbu a0, 0(s3)
  beqz a0, 2f
  li a7, EID_DBCN
  li a6, 2                     # console_write_byte
  ecall
  addi s10, s10, 1
  addi s3, s3, 1
  j 1b
2:
  # 4. The legacy console_putchar (extension 0x01): one call per character; everything below
  #    prints this way (putc, puts, puthex, putdec).
  la a0, msg_legacy
  call puts

  la a0, msg_written
  call puts
  mv a0, s2
  call putdec
  la a0, msg_bytes
  call puts

  la a0, msg_hart              # what the boot protocol handed us
  call puts
  mv a0, s0
  call putdec
  la a0, msg_fdt
  call puts
  mv a0, s1                    # the device tree starts with the big-endian magic 0xd00dfeed
  call load_be32
  call puthex
  li a0, '\n'
  call putc

  la a0, msg_getchar           # legacy console_getchar (0x02): -1 when nothing was typed
  call puts
  li a7, 2
  ecall
  addi s10, s10, 1
  call putdec
  li a0, '\n'
  call putc

  la a0, msg_uart_count
  call puts
  mv a0, s11
  call putdec
  li a0, '\n'
  call putc

  mv s4, s10                   # the calls made before this line (printing it makes more)
  la a0, msg_sbi_count
  call puts
  mv a0, s4
  call putdec
  li a0, '\n'
  call putc

  # 5. SRST system_reset(shutdown, no reason): the VM powers off, exit code 0.
  li a0, 0
  li a1, 0
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b                         # not reached

# ---- the UART driver (polled) ----

uart_init:                     # 115200 8N1 with FIFOs, as a driver programs it (QEMU ignores the speed)
  li t0, UART
  sb zero, 1(t0)               # IER = 0: no UART interrupts, we poll
  li t1, 0x80
  sb t1, 3(t0)                 # LCR.DLAB = 1: offsets 0 and 1 become the divisor latch
  li t1, 2
  sb t1, 0(t0)                 # DLL = 2: 3.6864 MHz / (16 * 115200)
  sb zero, 1(t0)               # DLM = 0
  li t1, 3
  sb t1, 3(t0)                 # LCR = 8 data bits, no parity, 1 stop bit; DLAB = 0
  li t1, 7
  sb t1, 2(t0)                 # FCR: FIFOs on, both cleared
  addi s11, s11, 6             # six register writes
  ret

uart_putc:                     # a0 = byte
  li t0, UART
1:lbu t1, 5(t0)                # LSR (read)
  addi s11, s11, 1
  andi t1, t1, 0x20            # THRE: the transmitter can take a byte
  beqz t1, 1b
  sb a0, 0(t0)                 # THR (write)
  addi s11, s11, 1
  ret

uart_puts:                     # a0 = NUL-terminated string
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  mv s0, a0
1:lbu a0, 0(s0)
  beqz a0, 2f
  call uart_putc
  addi s0, s0, 1
  j 1b
2:lw s0, 8(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

# ---- output through the legacy SBI console_putchar (keeps every register but a0, a7) ----

putc:                          # a0 = byte
  li a7, 1
  ecall
  addi s10, s10, 1
  ret

puts:                          # a0 = NUL-terminated string
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  mv s0, a0
1:lbu a0, 0(s0)
  beqz a0, 2f
  call putc
  addi s0, s0, 1
  j 1b
2:lw s0, 8(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

puthex:                        # a0 as 0x... without leading zeros
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  sw s1, 4(sp)
  mv s0, a0
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li s1, 28                    # shift of the current digit
1:srl t0, s0, s1
  bnez t0, 2f                  # skip leading zeros, but print the last digit
  beqz s1, 2f
  addi s1, s1, -4
  j 1b
2:srl a0, s0, s1
  andi a0, a0, 15
  addi a0, a0, '0'
  li t0, '9'
  ble a0, t0, 3f
  addi a0, a0, 'a' - '9' - 1
3:call putc
  addi s1, s1, -4
  bgez s1, 2b
  lw s1, 4(sp)
  lw s0, 8(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

putdec:                        # a0 as a signed decimal
  addi sp, sp, -32
  sw ra, 28(sp)
  sw s0, 24(sp)
  sw s1, 20(sp)
  mv s0, a0
  bgez s0, 1f
  li a0, '-'
  call putc
  neg s0, s0
1:mv s1, sp                    # digits on the stack, least significant first
2:li t0, 10
  remu t1, s0, t0
  divu s0, s0, t0
  addi t1, t1, '0'
  sb t1, 0(s1)
  addi s1, s1, 1
  bnez s0, 2b
3:addi s1, s1, -1
  lbu a0, 0(s1)
  call putc
  bne s1, sp, 3b
  lw s1, 20(sp)
  lw s0, 24(sp)
  lw ra, 28(sp)
  addi sp, sp, 32
  ret

load_be32:                     # a0 = the big-endian word at address a0
  lbu t0, 0(a0)
  lbu t1, 1(a0)
  lbu t2, 2(a0)
  lbu t3, 3(a0)
  slli t0, t0, 24
  slli t1, t1, 16
  slli t2, t2, 8
  or a0, t0, t1
  or a0, a0, t2
  or a0, a0, t3
  ret

  .section .rodata
msg_uart:       .asciz "Hello from the UART: polled MMIO, each register access a VM exit\n"
msg_dbcn:       .ascii "Hello from SBI DBCN console_write: this line is one call\n"
msg_dbcn_end:
msg_byte:       .asciz "Hello from SBI DBCN console_write_byte: one call per byte\n"
msg_legacy:     .asciz "Hello from the legacy SBI console_putchar: one call per character\n"
msg_written:    .asciz "console_write wrote "
msg_bytes:      .asciz " bytes\n"
msg_hart:       .asciz "hart id (a0): "
msg_fdt:        .asciz ", device tree (a1) magic: "
msg_getchar:    .asciz "legacy console_getchar with nothing typed: "
msg_uart_count: .asciz "UART register accesses: "
msg_sbi_count:  .asciz "SBI calls before this line: "

  .bss
  .align 4
stack:
  .space 1024
stack_top:
