# Sv32 paging with a page-fault handler that maps pages on demand.
#
# M-mode (at reset) prepares the supervisor's world and drops into S-mode with paging on:
#   - PMP entry 0 covers all memory with RWX, so S-mode may touch it at all;
#   - page faults (causes 12, 13, 15) are delegated to S-mode, whose handler is at stvec;
#   - a root page table with three 4 MiB megapages, each mapped to itself (identity):
#       0x00000000  low I/O (the test finisher at 0x100000)   R W
#       0x10000000  the UART                                    R W
#       0x80000000  this program, its data and page tables     R W X
#   - satp = Sv32 | root; mstatus.MPP = S; mret to s_main.
# S-mode then uses the virtual region at 0x40000000, which nothing maps: each first touch of a
# page takes a page fault; the handler takes a zeroed frame from a pool, creates the
# second-level table on first use, writes the leaf PTE, flushes the TLB for that address and
# returns to retry the access. Page 0x40002000 is never touched, so it is never mapped.
# Runs unchanged on: qemu-system-riscv32 -M virt -bios none -nographic -kernel paging.elf

  .equ UART, 0x10000000
  .equ FINISHER, 0x100000
  .equ PTE_V, 0x01
  .equ PTE_R, 0x02
  .equ PTE_W, 0x04
  .equ PTE_X, 0x08
  .equ PTE_A, 0x40
  .equ PTE_D, 0x80
  .equ SATP_SV32, 0x80000000
  .equ DATA_VA, 0x40000000
  .equ FRAMES, 8               # frames in the pool

  .option norelax              # keep la/call as written: no gp-relative relaxation (gp is not set up)

  .text
  .globl _start
_start:                        # M-mode
  la sp, stack_top
  li t0, -1                    # pmpaddr0 = all ones: NAPOT over the whole address space
  csrw pmpaddr0, t0
  li t0, 0x1f                  # pmpcfg0: A = NAPOT, X, W, R
  csrw pmpcfg0, t0
  li t0, (1 << 12) | (1 << 13) | (1 << 15)
  csrw medeleg, t0             # instruction, load and store page faults go to S-mode
  la t0, s_trap
  csrw stvec, t0

  la s0, root                  # the three identity megapages
  li t0, 0x00000000
  li t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  call map_megapage
  li t0, UART
  call map_megapage
  li t0, 0x80000000
  li t1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  call map_megapage

  srli t0, s0, 12              # satp: MODE = Sv32, PPN = root
  li t1, SATP_SV32
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  li t0, 3 << 11               # mstatus.MPP = S
  csrc mstatus, t0
  li t0, 1 << 11
  csrs mstatus, t0
  la t0, s_main
  csrw mepc, t0
  mret                         # to S-mode, paging on

# map_megapage: root[va >> 22] = leaf for physical address va (t0), flags t1. Uses s0 = root.
map_megapage:
  srli t2, t0, 22              # VPN[1]
  slli t2, t2, 2
  add t2, s0, t2
  srli t3, t0, 12              # PPN
  slli t3, t3, 10
  or t3, t3, t1
  sw t3, 0(t2)
  ret

# ---------------------------------------------------------------- S-mode

s_main:
  la a0, msg_start
  call puts
  li s0, DATA_VA               # page 0x40000000
  lw s3, 0(s0)                 # load page fault: mapped, zeroed, read again: 0
  la a0, msg_first
  call puts
  mv a0, s3
  call puthex
  li a0, '\n'
  call putc
  li t1, 0x11111111
  sw t1, 0(s0)                 # mapped already: no fault
  li s1, DATA_VA + 0x1000
  li t1, 0x22222222
  sw t1, 0(s1)                 # store page fault
  li s2, DATA_VA + 0x3000
  li t1, 0x33333333
  sw t1, 8(s2)                 # store page fault (0x40002000 stays unmapped)

  la a0, msg_read
  call puts
  lw a0, 0(s0)
  call puthex
  li a0, ' '
  call putc
  lw a0, 0(s1)
  call puthex
  li a0, ' '
  call putc
  lw a0, 8(s2)
  call puthex
  la a0, msg_count
  call puts
  la t0, pages_mapped
  lw a0, 0(t0)
  call puthex
  li a0, '\n'
  call putc
  li t0, FINISHER              # power off, exit code 0 (0x100000 is identity-mapped)
  li t1, 0x5555
  sw t1, 0(t0)
1:j 1b

# The S-mode trap handler: page faults on the data region get a fresh page; anything else stops.
  .align 2
s_trap:
  addi sp, sp, -48
  sw ra, 44(sp)
  sw a0, 40(sp)
  sw a1, 36(sp)
  sw t0, 32(sp)
  sw t1, 28(sp)
  sw t2, 24(sp)
  sw t3, 20(sp)
  sw t4, 16(sp)
  sw t5, 12(sp)
  sw s4, 8(sp)
  sw s5, 4(sp)
  csrr s4, scause
  csrr s5, stval
  li t0, 12
  beq s4, t0, 2f
  li t0, 13
  beq s4, t0, 2f
  li t0, 15
  bne s4, t0, fatal
2:la a0, msg_fault             # "page fault: scause 0x.., stval 0x.."
  call puts
  mv a0, s4
  call puthex
  la a0, msg_stval
  call puts
  mv a0, s5
  call puthex

  la t0, root                  # the first-level entry for stval
  srli t1, s5, 22
  slli t1, t1, 2
  add s4, t0, t1               # s4 = &root[VPN[1]]
  lw t0, 0(s4)
  andi t1, t0, PTE_V
  bnez t1, 3f
  call alloc_frame             # no second-level table yet: make one
  mv t1, a0
  la a0, msg_table
  call puts
  mv a0, a1
  call puthex
  srli t0, t1, 12              # non-leaf PTE: PPN | V
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sw t0, 0(s4)
3:srli t0, t0, 10              # t0 = the second-level table's address
  slli t0, t0, 12
  srli t1, s5, 12              # &table[VPN[0]]
  andi t1, t1, 0x3ff
  slli t1, t1, 2
  add s4, t0, t1
  call alloc_frame             # the page itself
  srli t0, a0, 12              # leaf PTE: PPN | D A W R V
  slli t0, t0, 10
  ori t0, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sw t0, 0(s4)
  sfence.vma s5                # forget any cached translation of this address
  la a0, msg_frame
  call puts
  mv a0, a1
  call puthex
  li a0, '\n'
  call putc
  la t0, pages_mapped
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)
  lw ra, 44(sp)
  lw a0, 40(sp)
  lw a1, 36(sp)
  lw t0, 32(sp)
  lw t1, 28(sp)
  lw t2, 24(sp)
  lw t3, 20(sp)
  lw t4, 16(sp)
  lw t5, 12(sp)
  lw s4, 8(sp)
  lw s5, 4(sp)
  addi sp, sp, 48
  sret                         # retry the access that faulted

fatal:
  la a0, msg_fatal
  call puts
  mv a0, s4
  call puthex
  li t0, FINISHER              # exit code 1
  li t1, 0x13333
  sw t1, 0(t0)
4:j 4b

# alloc_frame: a0 = address of a zeroed 4 KiB frame from the pool, a1 = its number.
alloc_frame:
  la t2, next_frame
  lw a1, 0(t2)
  li t3, FRAMES
  bgeu a1, t3, fatal
  addi t3, a1, 1
  sw t3, 0(t2)
  la a0, frames
  slli t3, a1, 12
  add a0, a0, t3
  li t3, 1024                  # zero it, a word at a time
  mv t4, a0
5:sw zero, 0(t4)
  addi t4, t4, 4
  addi t3, t3, -1
  bnez t3, 5b
  ret

# putc(a0): wait until the transmitter is empty, then send the byte (uses t2, t3).
putc:
  li t2, UART
6:lbu t3, 5(t2)
  andi t3, t3, 0x20
  beqz t3, 6b
  sb a0, 0(t2)
  ret

# puts(a0): a NUL-terminated string.
puts:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s6, 8(sp)
  mv s6, a0
7:lbu a0, 0(s6)
  beqz a0, 8f
  call putc
  addi s6, s6, 1
  j 7b
8:lw ra, 12(sp)
  lw s6, 8(sp)
  addi sp, sp, 16
  ret

# puthex(a0): "0x" and the value in hex, without leading zeros.
puthex:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s6, 8(sp)
  sw s7, 4(sp)
  mv s6, a0
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li s7, 28
9:srl t4, s6, s7
  bnez t4, 10f                 # skip leading zeros ...
  bnez s7, 12f                 # ... but always print the last digit
10:andi t4, t4, 0xf
  addi a0, t4, '0'
  li t5, 10
  bltu t4, t5, 11f
  addi a0, t4, 'a' - 10
11:call putc
12:addi s7, s7, -4
  bgez s7, 9b
  lw ra, 12(sp)
  lw s6, 8(sp)
  lw s7, 4(sp)
  addi sp, sp, 16
  ret

  .section .rodata
msg_start: .asciz "Sv32 paging, pages mapped on demand at 0x40000000\n"
msg_first: .asciz "first read of a fresh page: "
msg_fault: .asciz "page fault: scause "
msg_stval: .asciz ", stval "
msg_table: .asciz ", new page table in frame "
msg_frame: .asciz " -> frame "
msg_read:  .asciz "read back: "
msg_count: .asciz "\npages mapped on demand: "
msg_fatal: .asciz "unexpected trap, scause = "

  .data
  .align 2
next_frame:   .word 0
pages_mapped: .word 0

  .bss
  .align 12
root:   .space 4096            # the root page table (one page, 1024 PTEs)
frames: .space 4096 * FRAMES   # the frame pool: page tables and pages
  .space 2048
stack_top:
