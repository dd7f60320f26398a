# paging: the guest turns on Sv32 paging with its own page tables and maps pages on demand.
#
# The guest builds a root page table, writes satp and from then on every address it uses is
# virtual. Three 4 MiB megapages are mapped up front (identity for low I/O and for the kernel's
# own RAM, and the UART seen at 0xc0000000); the region at 0x40000000 is left empty. Its first
# touch of each page is a page fault (store: scause 15, load: 13, instruction fetch: 12) that the
# guest's own handler (stvec) serves: take a zeroed frame from a pool, create the second-level
# table the first time, write the leaf PTE, sfence.vma that address, sret to retry.
#
# Under Hyperstep's VMM there are two translations (nested paging): the guest's satp is really
# vsatp (guest-virtual -> guest-physical, the VS stage, the guest's tables), and the VMM's hgatp
# maps guest-physical -> host-physical (the G stage). The page faults above are the guest's own:
# the VMM delegates them (hedeleg), so they never leave the VM. A store to the UART at virtual
# 0xc0000000 passes the VS stage (-> guest-physical 0x10000000), finds no RAM in the G stage and
# becomes an MMIO exit. On real hardware (QEMU) the same satp is the only translation.
#
# Hyperstep:  hyperstep run --vmm nested paging.s
# QEMU:       see ../README.md

  .equ EID_SRST, 0x53525354
  .equ FINISHER, 0x100000      # sifive_test at physical 0x100000, identity-mapped
  .equ UART_VA, 0xc0000000     # where this guest maps the UART (physical 0x10000000)
  .equ UART_PA, 0x10000000
  .equ DEMAND, 0x40000000      # the demand-paged region (one 4 MiB second-level table's worth)
  .equ POOL_FRAMES, 8

  # PTE bits: valid, read, write, execute, user, global, accessed, dirty.
  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  # A and D are set up front: whether hardware sets them or faults is the implementation's choice.
  .equ LEAF_RW, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D

  .option norelax

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  la sp, stack_top
  la a0, msg_hello
  call puts

  # The root table: 1024 PTEs, one per 4 MiB. A leaf at this level is a megapage:
  # PTE = (physical address >> 12) << 10 | flags, the address 4 MiB aligned.
  la s0, root
  li t0, (0 >> 12) << 10 | LEAF_RW                 # 0x00000000: low I/O (test finisher)
  sw t0, 0(s0)
  li t0, (UART_PA >> 12) << 10 | LEAF_RW           # 0xc0000000 -> the UART's 4 MiB
  li t1, (UART_VA >> 22) * 4
  add t1, s0, t1
  sw t0, 0(t1)
  li t0, (0x80000000 >> 12) << 10 | LEAF_RW | PTE_X   # 0x80000000: this kernel, identity
  li t1, (0x80000000 >> 22) * 4
  add t1, s0, t1
  sw t0, 0(t1)

  la t0, on_fault              # stvec, direct mode: every trap enters on_fault
  csrw stvec, t0
  srli t0, s0, 12
  li t1, 1 << 31               # MODE = Sv32, ASID 0, PPN = the root's frame
  or t0, t0, t1
  sfence.vma                   # nothing stale may survive the switch
  csrw satp, t0
  sfence.vma

  la a0, msg_satp              # satp is WARL: reading MODE back tells whether Sv32 was accepted
  call puts
  csrr a0, satp
  srli a0, a0, 31
  call putdec
  li a0, '\n'
  call putc

  # The UART through its virtual address: a polled 16550 driver, as in ../hello.
  la s1, msg_uart
1:lbu a0, 0(s1)
  beqz a0, 3f
  li t0, UART_VA
2:lbu t1, 5(t0)                # LSR.THRE?
  andi t1, t1, 0x20
  beqz t1, 2b
  sb a0, 0(t0)                 # THR
  addi s1, s1, 1
  j 1b
3:
  # Demand paging: each first touch below faults once, then the access is retried.
  li s2, DEMAND
  li t0, 0x11111111
  sw t0, 0(s2)                 # store -> scause 15; the handler also creates the second-level table
  li t0, 0x1000
  add t0, s2, t0
  lw s3, 0(t0)                 # load -> scause 13: a fresh page reads as zero
  la a0, msg_fresh
  call puts
  mv a0, s3
  call putdec
  li a0, '\n'
  call putc
  li t0, 0x3008
  add t0, s2, t0
  li t1, 0x33333333
  sw t1, 0(t0)                 # store -> scause 15
  li t1, 0x22222222
  sw t1, 0x100(s2)             # same page as the first store: no fault

  # Code in a demand page: copying it in faults (store); running it faults again (fetch, scause
  # 12): the handler adds execute permission to the page.
  li s4, DEMAND + 0x2000
  la t0, payload
  la t1, payload_end
  mv t2, s4
4:lw t3, 0(t0)
  sw t3, 0(t2)
  addi t0, t0, 4
  addi t2, t2, 4
  bltu t0, t1, 4b
  fence.i                      # instruction fetches must see the stores
  jalr s4                      # calls payload's copy: a0 = 42
  mv s5, a0
  la a0, msg_ran
  call puts
  mv a0, s5
  call putdec
  li a0, '\n'
  call putc

  la a0, msg_read_back
  call puts
  lw a0, 0(s2)
  call puthex
  li a0, ' '
  call putc
  lw a0, 0x100(s2)
  call puthex
  li a0, ' '
  call putc
  li t0, 0x3008
  add t0, s2, t0
  lw a0, 0(t0)
  call puthex
  li a0, '\n'
  call putc

  la a0, msg_faults
  call puts
  la t0, fault_count
  lw a0, 0(t0)
  call putdec
  la a0, msg_frames
  call puts
  la t0, frames_used
  lw a0, 0(t0)
  call putdec
  li a0, '\n'
  call putc

  li a0, FINISHER              # power off through the test finisher (identity-mapped): exit code 0
  li a1, 0x5555
  sw a1, 0(a0)                 # a compressed c.sw: the VMM learns its length from htinst (bit 1 clear)
1:j 1b

# Copied to a demand page and run there: position-independent, two 32-bit instructions.
  .align 2
payload:
  .option push
  .option norvc
  li a0, 42
  ret
  .option pop
payload_end:

# ---- the page-fault handler ----
  .align 2
on_fault:
  addi sp, sp, -64
  sw ra, 60(sp)
  sw t0, 56(sp)
  sw t1, 52(sp)
  sw t2, 48(sp)
  sw t3, 44(sp)
  sw a0, 40(sp)
  sw a7, 36(sp)
  sw s0, 32(sp)
  sw s1, 28(sp)
  sw s2, 24(sp)
  sw s3, 20(sp)
  csrr s0, scause
  csrr s1, stval               # the virtual address that faulted
  li t0, 12
  beq s0, t0, 1f
  li t0, 13
  beq s0, t0, 1f
  li t0, 15
  bne s0, t0, unexpected
1:srli t0, s1, 22
  li t1, DEMAND >> 22
  bne t0, t1, unexpected       # only the demand region may fault

  la t0, fault_count
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)
  la a0, msg_fault
  call puts
  mv a0, s0
  call putdec
  la a0, msg_at
  call puts
  mv a0, s1
  call puthex

  # Level 1: the root's entry for this 4 MiB. Invalid the first time: give it a table.
  # (s registers survive the calls below: take_frame and the print routines use only a/t.)
  la t0, root
  srli t1, s1, 22
  slli t1, t1, 2
  add s2, t0, t1               # s2 = &root[vpn1]
  lw t0, 0(s2)
  andi t1, t0, PTE_V
  bnez t1, 2f
  call take_frame              # a0 = a zeroed frame, t0 = its index in the pool
  srli t1, a0, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V            # V alone (no R/W/X): a pointer to the next level
  sw t1, 0(s2)
  mv s3, t0
  la a0, msg_table
  call puts
  mv a0, s3
  call putdec
  lw t0, 0(s2)
2:srli t0, t0, 10              # Level 0: the table's entry for this 4 KiB page
  slli t0, t0, 12
  srli t1, s1, 12
  andi t1, t1, 0x3ff
  slli t1, t1, 2
  add s3, t0, t1               # s3 = &table[vpn0]
  lw t0, 0(s3)
  andi t1, t0, PTE_V
  beqz t1, 3f
  li t1, 12                    # mapped already: a fetch from a page without X. Allow it.
  bne s0, t1, unexpected
  ori t0, t0, PTE_X
  sw t0, 0(s3)
  la a0, msg_exec
  call puts
  j 4f
3:call take_frame              # not mapped: a zeroed frame, read/write (+ execute for a fetch)
  srli t1, a0, 12
  slli t1, t1, 10
  ori t1, t1, LEAF_RW
  li t2, 12
  bne s0, t2, 5f
  ori t1, t1, PTE_X
5:sw t1, 0(s3)
  mv s3, t0
  la a0, msg_frame
  call puts
  mv a0, s3
  call putdec
4:li a0, '\n'
  call putc
  sfence.vma s1, zero          # forget any cached translation of this page (the PTE changed)
  lw ra, 60(sp)
  lw t0, 56(sp)
  lw t1, 52(sp)
  lw t2, 48(sp)
  lw t3, 44(sp)
  lw a0, 40(sp)
  lw a7, 36(sp)
  lw s0, 32(sp)
  lw s1, 28(sp)
  lw s2, 24(sp)
  lw s3, 20(sp)
  addi sp, sp, 64
  sret                         # retry the access

unexpected:
  la a0, msg_unexpected
  call puts
  mv a0, s0
  call putdec
  la a0, msg_at
  call puts
  mv a0, s1
  call puthex
  li a0, '\n'
  call putc
  li a0, 0                     # SRST shutdown for a system failure: exit code 1
  li a1, 1
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

# take_frame: the next frame of the pool, zeroed. Returns a0 = its address and t0 = its index.
# Out of frames is a failure.
take_frame:
  la t1, frames_used
  lw t0, 0(t1)
  li t2, POOL_FRAMES
  bgeu t0, t2, unexpected
  addi t2, t0, 1
  sw t2, 0(t1)
  la a0, pool
  slli t1, t0, 12
  add a0, a0, t1
  li t1, 4096
  add t1, a0, t1
  mv t2, a0
1:sw zero, 0(t2)
  addi t2, t2, 4
  bltu t2, t1, 1b
  ret

# ---- output through the legacy SBI console_putchar ----

putc:                          # a0 = byte (only a0 and a7 change)
  li a7, 1
  ecall
  ret

puts:                          # a0 = NUL-terminated string
  mv t0, a0
1:lbu a0, 0(t0)
  beqz a0, 2f
  li a7, 1
  ecall
  addi t0, t0, 1
  j 1b
2:ret

puthex:                        # a0 as 0x... without leading zeros
  mv t0, a0
  li a0, '0'
  li a7, 1
  ecall
  li a0, 'x'
  ecall
  li t1, 28
1:srl t2, t0, t1
  bnez t2, 2f
  beqz t1, 2f
  addi t1, t1, -4
  j 1b
2:srl a0, t0, t1
  andi a0, a0, 15
  addi a0, a0, '0'
  li t2, '9'
  ble a0, t2, 3f
  addi a0, a0, 'a' - '9' - 1
3:ecall
  addi t1, t1, -4
  bgez t1, 2b
  ret

putdec:                        # a0 as an unsigned decimal
  addi sp, sp, -16
  mv t0, a0
  mv t1, sp
  li t2, 10
1:remu t3, t0, t2
  divu t0, t0, t2
  addi t3, t3, '0'
  sb t3, 0(t1)
  addi t1, t1, 1
  bnez t0, 1b
  li a7, 1
2:addi t1, t1, -1
  lbu a0, 0(t1)
  ecall
  bne t1, sp, 2b
  addi sp, sp, 16
  ret

  .section .rodata
msg_hello:      .asciz "Sv32 paging in the guest; pages at 0x40000000 are mapped on demand\n"
msg_satp:       .asciz "satp.MODE read back: "
msg_uart:       .asciz "this line went through the UART at virtual address 0xc0000000\n"
msg_fault:      .asciz "page fault: scause "
msg_at:         .asciz " at "
msg_table:      .asciz ", new page table: frame "
msg_frame:      .asciz " -> frame "
msg_exec:       .asciz " -> page made executable"
msg_fresh:      .asciz "first read of a fresh page: "
msg_ran:        .asciz "code copied into a demand page returned "
msg_read_back:  .asciz "read back: "
msg_faults:     .asciz "page faults handled: "
msg_frames:     .asciz ", frames used: "
msg_unexpected: .asciz "unexpected trap: scause "

  .data
  .align 2
fault_count:    .word 0
frames_used:    .word 0

  .bss
  .align 12
root:                          # the root page table (4 KiB aligned, as satp.PPN requires)
  .space 4096
pool:                          # frames for second-level tables and demand pages
  .space 4096 * POOL_FRAMES
stack:
  .space 2048
stack_top:
