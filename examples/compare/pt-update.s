# pt-update: a fork-like kernel loop that does little but change page tables.
#
# Each iteration builds a fresh address space (a root and one leaf table from the frame
# allocator, the kernel's megapage copied in, PAGES leaf PTEs written), switches satp to it,
# copies WORDS words of a "parent" into every page and reads them back (the fork's copy), switches
# back to the kernel's address space, and tears the space down: every PTE cleared, every frame
# freed. sfence.vma follows each satp write and the teardown, as a kernel must.
#
# What each way of virtualizing pays for this:
#   nested   the PTE stores are ordinary stores to guest RAM; satp and sfence.vma run in VS-mode.
#            Almost no exits: the H extension's two-stage MMU takes care of everything.
#   shadow   the guest's page-table pages are write-protected in every shadow, so each PTE store
#            is a trap (pt-write) that the VMM decodes, performs and follows up (shadow entries
#            dropped); satp and sfence.vma are privileged instructions (traps); after each fence
#            the shadows are empty and refill one hidden fault at a time.
#   paravirt an unmodified kernel: like shadow, but each trapped PTE store is validated and the
#            hardware table brought up to date eagerly (no hidden faults).
#
# The frame allocator is a stack: the frames freed last come back first, so the root and the
# leaf table of iteration k+1 are those of iteration k. (A kernel that recycles table frames as
# data pages would, under paravirt, see its data stores validated as PTEs.) The kernel's own root
# lives in the frame pool, outside the kernel-image megapage that every address space maps
# writable: a validating VMM refuses a writable mapping of a pinned page table.
#
# hyperstep compare pt-update.s --modes bare,nested,shadow,paravirt
# The output is the same in every mode and on QEMU (see README.md).

  .equ ITERS, 10               # address spaces built, used and torn down
  .equ PAGES, 32               # pages mapped in each (at most 1024: one leaf table)
  .equ WORDS, 16               # words copied into each page

  .equ EID_DBCN, 0x4442434E
  .equ EID_SRST, 0x53525354
  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  # A and D set up front: whether hardware sets them or faults is the implementation's choice.
  .equ KERNEL_LEAF, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  .equ DATA_LEAF, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  .equ SATP_SV32, 1 << 31
  .equ KERNEL_MEGA, (0x80000000 >> 12) << 10 | KERNEL_LEAF  # 0x80000000-0x803fffff, this image
  .equ POOL, 0x80400000        # the next 4 MiB: the kernel's root, then the frames it allocates
  .equ POOL_MEGA, (POOL >> 12) << 10 | DATA_LEAF
  .equ KROOT, POOL
  .equ POOL_FRAMES, 1023       # the rest of the megapage
  .equ USER_BASE, 0x40000000   # where each address space maps its pages (root slot 0x100)

  .option norelax

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  la sp, stack_top
  li t0, 7
  csrw scounteren, t0          # user mode may read cycle, time, instret (as OpenSBI's default)
  la a0, msg_banner
  call puts

  # The kernel's address space: the image and the frame pool, identity-mapped as megapages.
  li s0, KROOT
  li t0, KERNEL_MEGA
  li t1, 0x200 * 4
  add t1, s0, t1
  sw t0, 0(t1)
  li t0, POOL_MEGA
  sw t0, 4(t1)                 # slot 0x201

  # The frame stack: push the pool's frames from the top down, so the first pops are the lowest.
  la t0, free_stack
  li t1, POOL + POOL_FRAMES * 4096
  li t2, POOL
1:sw t1, 0(t0)
  addi t0, t0, 4
  li t3, -4096
  add t1, t1, t3
  bne t1, t2, 1b
  la t1, free_top
  sw t0, 0(t1)

  li t0, SATP_SV32 | (KROOT >> 12)
  csrw satp, t0
  sfence.vma

  li s1, ITERS                 # iterations left
  li s9, 0                     # checksum of everything read back
iteration:
  call alloc
  mv s2, a0                    # s2 = the new root (a clean frame: teardown leaves it zeroed)
  call alloc
  mv s3, a0                    # s3 = its leaf table
  li t0, KERNEL_MEGA           # root[0x200]: the kernel, so code and stack stay reachable
  li t1, 0x200 * 4
  add t1, s2, t1
  sw t0, 0(t1)
  srli t0, s3, 12              # root[0x100]: the leaf table (V alone: a pointer)
  slli t0, t0, 10
  ori t0, t0, PTE_V
  li t1, 0x100 * 4
  add t1, s2, t1
  sw t0, 0(t1)
  li s4, 0                     # table[i] = a fresh frame, for i < PAGES
2:call alloc
  srli t0, a0, 12
  slli t0, t0, 10
  ori t0, t0, DATA_LEAF
  slli t1, s4, 2
  add t1, s3, t1
  sw t0, 0(t1)
  addi s4, s4, 1
  li t1, PAGES
  blt s4, t1, 2b

  srli t0, s2, 12              # into the new address space
  li t1, SATP_SV32
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

  # The fork's copy: page i gets parent[j] ^ (i + iteration) in word j; then read it all back.
  li s4, 0
  li s5, USER_BASE
3:la t0, parent
  add t1, s4, s1
  mv t2, s5
  li t3, WORDS
4:lw a0, 0(t0)
  xor a0, a0, t1
  sw a0, 0(t2)
  addi t0, t0, 4
  addi t2, t2, 4
  addi t3, t3, -1
  bnez t3, 4b
  mv t2, s5
  li t3, WORDS
5:lw a0, 0(t2)
  add s9, s9, a0
  addi t2, t2, 4
  addi t3, t3, -1
  bnez t3, 5b
  li t0, 4096
  add s5, s5, t0
  addi s4, s4, 1
  li t1, PAGES
  blt s4, t1, 3b

  li t0, SATP_SV32 | (KROOT >> 12)   # back to the kernel's address space
  csrw satp, t0
  sfence.vma

  # Teardown: clear each PTE and free its frame (last page first), then the table, then the root.
  li s4, PAGES - 1
6:slli t1, s4, 2
  add t1, s3, t1
  lw t0, 0(t1)
  sw zero, 0(t1)
  srli a0, t0, 10
  slli a0, a0, 12
  call free
  addi s4, s4, -1
  bgez s4, 6b
  li t1, 0x100 * 4
  add t1, s2, t1
  sw zero, 0(t1)
  li t1, 0x200 * 4
  add t1, s2, t1
  sw zero, 0(t1)
  mv a0, s3
  call free
  mv a0, s2
  call free
  sfence.vma                   # no stale translation may outlive the freed tables

  addi s1, s1, -1
  bnez s1, iteration

  la a0, msg_spaces
  call puts
  li a0, ITERS
  call putdec
  la a0, msg_pages
  call puts
  li a0, PAGES
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
7:j 7b

# ---- the frame allocator: a stack of free frame addresses ----
alloc:                         # a0 = a free frame
  la t0, free_top
  lw t1, 0(t0)
  addi t1, t1, -4
  sw t1, 0(t0)
  lw a0, 0(t1)
  ret
free:                          # a0 = the frame to give back
  la t0, free_top
  lw t1, 0(t0)
  sw a0, 0(t1)
  addi t1, t1, 4
  sw t1, 0(t0)
  ret

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
  .align 2
parent:
  .word 0x01234567, 0x89abcdef, 0x0f1e2d3c, 0x4b5a6978, 0x8796a5b4, 0xc3d2e1f0, 0x13579bdf, 0x2468ace0
  .word 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666, 0x77777777, 0x88888888
  .rept WORDS - 16
  .word 0x5a5a5a5a
  .endr
msg_banner:   .asciz "pt-update: build, switch to, copy into and tear down address spaces\n"
msg_spaces:   .asciz "address spaces: "
msg_pages:    .asciz ", pages each: "
msg_checksum: .asciz ", checksum: "
msg_nl:       .asciz "\n"

  .bss
  .align 4
numbuf:     .space 12
numbuf_end: .space 4
free_top:   .space 4
free_stack: .space POOL_FRAMES * 4
  .align 4
  .space 4096
stack_top:
