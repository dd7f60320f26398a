# A hand-paravirtualized guest kernel for the debugger tests under paravirtual paging (it calls
# Hyperstep's PV SBI extension, docs/PARAVIRT.md): it writes an Sv32 table with plain stores (its
# 4 MiB of RAM identity-mapped with 4 KiB pages, its page-table pages read-only, as the validation
# rules want), pins it and switches to it by hypercall (pin_table, set_satp), maps the two pages of
# a window with one batched mmu_update, stores through the window, and prints with console_write.
# Any hypercall error ends the VM with exit code 1.
  .equ PV_EID, 0x09485056
  .equ EID_SRST, 0x53525354
  .equ WINDOW, 0x40000000
  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  .equ LEAF, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  .option norelax

  .text
  .globl _start
_start:
  la sp, stack_top
  li s2, 0                          # hypercall errors, or-ed
  la s0, root
  la s1, table                      # the window's level-0 table (empty)
  la s4, ktable                     # the kernel's level-0 table
  srli t0, s4, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  li t1, (0x80000000 >> 22) * 4
  add t1, s0, t1
  sw t0, 0(t1)                      # root[0x200]: the kernel's 4 MiB, through ktable
  srli t0, s1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sw t0, (WINDOW >> 22) * 4(s0)     # root[0x100]: the window's table
  li t0, (0x80000000 >> 12) << 10 | LEAF | PTE_X
  li t1, 1 << 10                    # the next page's PTE: PPN + 1
  mv t2, s4
  li t3, 1024
  srli t4, s0, 2                    # the PPN fields of the three table pages' PTEs
  srli t5, s1, 2
  srli t6, s4, 2
1:srli a2, t0, 10
  slli a2, a2, 10
  mv a3, t0
  beq a2, t4, 2f
  beq a2, t5, 2f
  bne a2, t6, 3f
2:ori a3, a2, PTE_V | PTE_R | PTE_A # a page table: read-only
3:sw a3, 0(t2)                      # ktable[i]: 0x80000000 + i * 4 KiB, identity
  add t0, t0, t1
  addi t2, t2, 4
  addi t3, t3, -1
  bnez t3, 1b
  li a7, PV_EID
  mv a0, s0
  li a1, 1
  li a6, 3
  ecall                             # pin_table(root, 1): validated and pinned with its leaf table
  or s2, s2, a0
  srli a0, s0, 12
  li t0, 1 << 31
  or a0, a0, t0
  li a6, 2
  ecall                             # set_satp: Sv32 with the pinned root
  or s2, s2, a0
  la s3, requests
  sw s1, 0(s3)                      # request 0: table[0] = page0, read/write
  la t0, page0
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, LEAF
  sw t0, 4(s3)
  addi t1, s1, 4
  sw t1, 8(s3)                      # request 1: table[1] = page1, read/write
  la t0, page1
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, LEAF
  sw t0, 12(s3)
  mv a0, s3
  li a1, 2
  li a6, 1
  ecall                             # mmu_update(requests, 2): both or neither
  or s2, s2, a0
  li t0, WINDOW
  li t1, 0x600d
  sw t1, 0(t0)                      # through the window: page0
  li t2, 0x1000
  add t0, t0, t2
  sw t1, 0(t0)                      # page1
  la a0, msg
  la t0, msg_end
  sub a1, t0, a0
  li a6, 7
  ecall                             # console_write
  or s2, s2, a0
  snez a1, s2                       # SRST reason 1 (system failure) when a hypercall failed
  li a0, 0
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

  .section .rodata
msg: .ascii "pv: two pages mapped by one mmu_update\n"
msg_end:

  .bss
  .align 12
root: .space 4096
table: .space 4096
ktable: .space 4096
page0: .space 4096
page1: .space 4096
requests: .space 16
  .align 4
stack: .space 512
stack_top:
