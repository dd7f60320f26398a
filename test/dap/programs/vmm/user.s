# A guest kernel with a user program, for the debugger tests of deprivileged guests (shadow and
# paravirtual paging) beside nested ones: it sets its trap vector, builds an Sv32 table (the 4 MiB
# of guest RAM it lives in, identity-mapped with 4 KiB pages: S only, except its user page, which
# U may read and execute), turns paging on, and srets into the user program in U-mode. The user
# program makes system calls (ecall from U): 64 prints a0, 93 ends the VM. The kernel's handler
# answers them and srets back. Every csr access, sret and sfence.vma of the kernel is a
# privileged instruction for a deprivileged guest.
  .equ EID_SRST, 0x53525354
  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_U, 1 << 4
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  .equ KERNEL, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  .option norelax

  .text
  .globl _start
_start:
  la sp, stack_top
  la t0, trap
  csrw stvec, t0                    # the kernel's trap vector
  la s0, root
  la s1, table
  srli t0, s1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  li t1, (0x80000000 >> 22) * 4
  add t1, s0, t1
  sw t0, 0(t1)                      # root[0x200]: a pointer to the level-0 table
  li t0, (0x80000000 >> 12) << 10 | KERNEL
  li t1, 1 << 10                    # the next page's PTE: PPN + 1
  mv t2, s1
  li t3, 1024
1:sw t0, 0(t2)                      # table[i]: 0x80000000 + i * 4 KiB, identity, S only
  add t0, t0, t1
  addi t2, t2, 4
  addi t3, t3, -1
  bnez t3, 1b
  la t0, user_code
  srli t1, t0, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
  srli t0, t0, 12
  andi t0, t0, 0x3ff                # VPN[0]
  slli t0, t0, 2
  add t0, s1, t0
  sw t1, 0(t0)                      # table[user_code]: user R-X
  srli t0, s0, 12
  li t1, 1 << 31
  or t0, t0, t1
  csrw satp, t0                     # Sv32 on
  sfence.vma
  la t0, user_code
  csrw sepc, t0
  li t0, 1 << 8
  csrc sstatus, t0                  # SPP = U
  sret                              # into the user program

  .align 2
trap:
  csrr t0, scause
  li t1, 8
  bne t0, t1, fail                  # only system calls (ecall from U)
  li t1, 93
  beq a7, t1, exit
  li a7, 1
  ecall                             # syscall 64: print a0 (SBI legacy console_putchar)
  csrr t0, sepc
  addi t0, t0, 4
  csrw sepc, t0                     # return after the user's ecall
  sret
exit:
  li a7, EID_SRST
  li a6, 0
  li a1, 0
  ecall                             # SRST shutdown with the user's a0 as the type (0)
fail:
  li a0, 0
  li a1, 1
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

# The user program: its own page (R-X for U).
  .align 12
user_code:
  li a0, 'u'
  li a7, 64
  ecall                             # system call: print 'u'
  li a0, '\n'
  li a7, 64
  ecall                             # system call: print a newline
  li a0, 0
  li a7, 93
  ecall                             # system call: exit
2:j 2b

  .bss
  .align 12
root: .space 4096
table: .space 4096
stack: .space 512
stack_top:
