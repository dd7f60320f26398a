# tlb-miss: a kernel that sweeps more pages than any TLB holds, with page tables that never change.
#
# One address space, built once: PAGES 4 KiB pages at 0x40000000 (8 MiB with the default 2048),
# then PASSES sweeps that read one word of every page in order. The hart's second-level TLB
# (1024 entries) and the two-stage MMU's caches (512 combined GVA->HPA entries, 512 G-stage
# entries) are all direct-mapped by page number, so a sweep of 2048 pages evicts every entry
# before it is used again: every access is a page walk.
#
# What a walk costs (memory references):
#   bare, shadow, paravirt   one Sv32 walk of a table the hardware can use: 2 references
#                            (shadow: the VMM's shadow table; filled on first touch, then left alone)
#   nested                   the 2-D walk: each of the guest's 2 PTE reads is a guest-physical
#                            address the G stage translates (2 references each, unless the G-stage
#                            cache has it), then the data's guest-physical address: up to 8
#
# The guest's page tables are placed so that the nested walk gets no help from the G-stage cache:
# the root and the leaf tables sit TABLE_STRIDE (2 MiB = 512 pages) apart in guest-physical
# memory, so their G-stage entries share one cache slot and evict each other on every walk. Set
# TABLE_STRIDE to 0x1000 (tables in adjacent frames) and the cache keeps them: about 4
# references per walk instead of 8.
#
# hyperstep compare tlb-miss.s --modes bare,nested,shadow,paravirt
# The output is the same in every mode and on QEMU (see README.md).

  .equ PAGES, 2048             # pages swept (a multiple of 1024: whole leaf tables)
  .equ PASSES, 8               # read sweeps after the one that writes
  .equ TABLE_STRIDE, 0x200000  # guest-physical distance between the page-table pages

  .equ EID_DBCN, 0x4442434E
  .equ EID_SRST, 0x53525354
  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  .equ KERNEL_MEGA, (0x80000000 >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  .equ DATA_LEAF, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  .equ SATP_SV32, 1 << 31
  .equ ROOT, 0x80800000        # outside the kernel's megapage, like every table here
  .equ TABLES, ROOT + TABLE_STRIDE
  .equ FRAMES, 0x81000000      # the swept pages' frames, in order
  .equ BASE, 0x40000000        # where they are mapped (root slot 0x100 on)

  .option norelax

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  la sp, stack_top
  la a0, msg_banner
  call puts

  # Built with paging off, with ordinary stores: nothing here traps under any VMM.
  li s0, ROOT
  li t0, KERNEL_MEGA           # root[0x200]: this kernel, identity
  li t1, 0x200 * 4
  add t1, s0, t1
  sw t0, 0(t1)
  li s1, 0                     # page index
  li s2, FRAMES
1:srli t0, s1, 10              # which leaf table
  li t1, TABLE_STRIDE
  mul t1, t0, t1
  li t2, TABLES
  add s3, t2, t1               # s3 = that table
  andi t2, s1, 0x3ff
  bnez t2, 2f
  srli t1, s3, 12              # the table's first entry: link it from the root (slot 0x100 + t0)
  slli t1, t1, 10
  ori t1, t1, PTE_V
  addi t2, t0, 0x100
  slli t2, t2, 2
  add t2, s0, t2
  sw t1, 0(t2)
2:andi t2, s1, 0x3ff           # table[i % 1024] = frame i
  slli t2, t2, 2
  add t2, s3, t2
  srli t1, s2, 12
  slli t1, t1, 10
  ori t1, t1, DATA_LEAF
  sw t1, 0(t2)
  li t0, 4096
  add s2, s2, t0
  addi s1, s1, 1
  li t0, PAGES
  blt s1, t0, 1b

  li t0, SATP_SV32 | (ROOT >> 12)
  csrw satp, t0
  sfence.vma

  # The writing sweep: page i holds i * 2654435761 in word (i % 64) * 16.
  li s1, 0
  li s2, BASE
  li s4, 2654435761
3:andi t0, s1, 63
  slli t0, t0, 6
  add t0, s2, t0
  mul t1, s1, s4
  sw t1, 0(t0)
  li t0, 4096
  add s2, s2, t0
  addi s1, s1, 1
  li t0, PAGES
  blt s1, t0, 3b

  # The reading sweeps: one load per page, every one a TLB miss.
  li s5, PASSES
  li s9, 0                     # checksum
4:li s1, 0
  li s2, BASE
5:andi t0, s1, 63
  slli t0, t0, 6
  add t0, s2, t0
  lw t1, 0(t0)
  add s9, s9, t1
  li t0, 4096
  add s2, s2, t0
  addi s1, s1, 1
  li t0, PAGES
  blt s1, t0, 5b
  addi s5, s5, -1
  bnez s5, 4b

  la a0, msg_pages
  call puts
  li a0, PAGES
  call putdec
  la a0, msg_passes
  call puts
  li a0, PASSES
  call putdec
  la a0, msg_checksum
  call puts
  mv a0, s9
  call putdec
  la a0, msg_nl
  call puts
  li a0, 0                     # SRST shutdown: exit code 0
  li a1, 0
  li a6, 0
  li a7, EID_SRST
  ecall
6:j 6b

# ---- console: SBI DBCN console_write, one call per string ----
puts:                          # a0 = NUL-terminated string (its guest-physical address: identity-mapped)
  mv a1, a0
  mv t0, a0
1:lbu t1, 0(t0)
  beqz t1, 2f
  addi t0, t0, 1
  j 1b
2:sub a0, t0, a1
  li a2, 0
  li a6, 0
  li a7, EID_DBCN
  ecall
  ret
putdec:                        # a0 as an unsigned decimal
  la t0, numbuf_end
  sb zero, 0(t0)
  li t2, 10
1:addi t0, t0, -1
  remu t1, a0, t2
  divu a0, a0, t2
  addi t1, t1, '0'
  sb t1, 0(t0)
  bnez a0, 1b
  mv a0, t0
  j puts

  .section .rodata
msg_banner:   .asciz "tlb-miss: sweep more pages than the TLBs hold\n"
msg_pages:    .asciz "pages: "
msg_passes:   .asciz ", read sweeps: "
msg_checksum: .asciz ", checksum: "
msg_nl:       .asciz "\n"

  .bss
  .align 4
numbuf:     .space 12
numbuf_end: .space 4
  .align 4
  .space 4096
stack_top:
