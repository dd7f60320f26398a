# syscall-ctxsw: a small kernel with two user processes, timing a null system call and a
# context switch with rdtime (the afterburning comparison's microbenchmarks).
#
# Process A (user mode, its own address space) makes NSYS null system calls (ecall; the kernel
# saves the user registers, reads scause and sepc, advances sepc, restores and srets), then
# yields to process B NSW times; B does nothing but yield back. Each yield switches address
# spaces: satp to the other process's root, then sfence.vma, with interrupts masked around the
# switch. A reads the time before and after each loop and reports it with a system call; at the
# end the kernel prints the time per operation (time ticks at 10 MHz, shown in ns).
#
# The kernel is written as a native RISC-V kernel would be: trap entry swaps sp with sscratch,
# scause/sepc/sstatus/satp are CSRs. Run unmodified it pays, per operation:
#   bare       nothing: the ecall traps straight into this kernel (the SBI firmware is not involved)
#   nested     nothing either: VU-mode ecalls are delegated to the VS-mode kernel, its CSR
#              accesses, sret, satp writes and sfence.vma run in VS-mode without exits
#   shadow     the user ecall is a trap into the VMM, which reflects it into the kernel; every
#              CSR access, sret, satp write and sfence.vma of the kernel (in U-mode on the hart)
#              is a privileged-instruction trap, and each sfence.vma empties the shadows
#   previrt    the same source assembled with --previrtualize: each sensitive instruction becomes
#              a `priv` hypercall (cheaper: nothing to fetch or decode), except the two that use
#              sp (csrrw sp, sscratch, sp; csrw sscratch, sp), which stay native and trap
# syscall-ctxsw-pv.s is the same kernel paravirtualized by hand.
#
# sstatus.SUM is set: a previrtualized sret (its sequence pushes 16 bytes on the stack after sp
# is the user's again) stores on the user stack.
#
# hyperstep compare syscall-ctxsw.s --modes bare,nested,shadow,previrt
# The lines with "ns per" are the guest's own timing and differ between modes; the rest is the
# same in every mode and on QEMU (see README.md).

  .equ NSYS, 1000              # null system calls timed
  .equ NSW, 200                # yields by A (each is two switches: A to B and B to A)

  .equ SYS_NULL, 0
  .equ SYS_YIELD, 1
  .equ SYS_REPORT, 2           # a0 = elapsed time ticks, a1 = 0 (syscall loop) or 1 (yield loop)
  .equ SYS_EXIT, 3

  .equ EID_DBCN, 0x4442434E
  .equ EID_SRST, 0x53525354
  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_U, 1 << 4
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  .equ SATP_SV32, 1 << 31
  .equ SSTATUS_SIE, 1 << 1
  .equ SSTATUS_SPP, 1 << 8
  .equ SSTATUS_SUM, 1 << 18
  .equ KERNEL_MEGA, (0x80000000 >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  .equ USER_CODE, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
  .equ USER_DATA, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
  # Page tables live outside the kernel's megapage, which every address space maps writable
  # (a validating VMM refuses a writable mapping of a page table).
  .equ KROOT, 0x80400000
  .equ A_ROOT, 0x80401000
  .equ B_ROOT, 0x80402000
  .equ A_L0, 0x80403000
  .equ B_L0, 0x80404000
  .equ USER_VA, 0x40000000     # user code page; the stack page follows (root slot 0x100)
  .equ USER_SP, USER_VA + 0x2000

  # A process's register frame, at the top of its kernel stack: x1..x31 at 4*n, then sepc, satp.
  .equ F_SP, 2 * 4
  .equ F_A0, 10 * 4
  .equ F_A1, 11 * 4
  .equ F_S2, 18 * 4
  .equ F_A7, 17 * 4
  .equ F_SEPC, 32 * 4
  .equ F_SATP, 33 * 4
  .equ FRAME_SIZE, 34 * 4

  .option norelax

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  la sp, boot_stack_top
  li t0, 7
  csrw scounteren, t0          # user mode may read cycle, time, instret (as OpenSBI's default)
  li t0, SSTATUS_SUM
  csrs sstatus, t0
  li t0, SSTATUS_SPP
  csrc sstatus, t0             # sret goes to user mode
  la t0, trap_entry
  csrw stvec, t0
  la a0, msg_banner
  call puts

  # Page tables, written with paging off: the kernel's, and each process's (kernel + 2 pages).
  li t0, KERNEL_MEGA
  li t1, KROOT + 0x200 * 4
  sw t0, 0(t1)
  li a0, A_ROOT
  li a1, A_L0
  la a2, stack_a
  call build_space
  li a0, B_ROOT
  li a1, B_L0
  la a2, stack_b
  call build_space

  li t0, SATP_SV32 | (KROOT >> 12)
  csrw satp, t0
  sfence.vma

  # Both processes start at the top of their code with an empty user stack.
  la s0, frame_a
  la t0, user_a
  la t1, user_page
  sub t0, t0, t1
  li t2, USER_VA
  add t0, t0, t2
  sw t0, F_SEPC(s0)
  li t0, USER_SP
  sw t0, F_SP(s0)
  li t0, SATP_SV32 | (A_ROOT >> 12)
  sw t0, F_SATP(s0)
  la s1, frame_b
  la t0, user_b
  la t1, user_page
  sub t0, t0, t1
  li t2, USER_VA
  add t0, t0, t2
  sw t0, F_SEPC(s1)
  li t0, USER_SP
  sw t0, F_SP(s1)
  li t0, SATP_SV32 | (B_ROOT >> 12)
  sw t0, F_SATP(s1)

  lw t0, F_SATP(s0)            # run A
  csrw satp, t0
  sfence.vma
  mv sp, s0
  j ret_user

# build_space(a0 = root, a1 = leaf table, a2 = the user stack frame): kernel megapage, user code
# page at USER_VA, the stack page after it.
build_space:
  li t0, KERNEL_MEGA
  li t1, 0x200 * 4
  add t1, a0, t1
  sw t0, 0(t1)
  srli t0, a1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  li t1, (USER_VA >> 22) * 4
  add t1, a0, t1
  sw t0, 0(t1)
  la t0, user_page
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, USER_CODE
  sw t0, 0(a1)
  srli t0, a2, 12
  slli t0, t0, 10
  ori t0, t0, USER_DATA
  sw t0, 4(a1)
  ret

# ---- the trap handler: system calls from the user processes ----
  .align 2
trap_entry:
  csrrw sp, sscratch, sp       # sp = this process's frame; sscratch = its user sp
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, \n*4(sp)
  .endr
  csrr t0, sscratch
  sw t0, F_SP(sp)
  csrr t0, sepc
  sw t0, F_SEPC(sp)
  csrr t0, scause
  li t1, 8                     # environment call from U-mode
  bne t0, t1, fatal
  lw t0, F_SEPC(sp)            # return after the ecall
  addi t0, t0, 4
  sw t0, F_SEPC(sp)
  lw t0, F_A7(sp)
  beqz t0, ret_user            # SYS_NULL: nothing to do
  li t1, SYS_YIELD
  beq t0, t1, sys_yield
  li t1, SYS_REPORT
  beq t0, t1, sys_report
  li t1, SYS_EXIT
  beq t0, t1, sys_exit
  j fatal

ret_user:                      # sp = the frame of the process to run
  lw t0, F_SEPC(sp)
  csrw sepc, t0
  csrw sscratch, sp
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, \n*4(sp)
  .endr
  lw sp, F_SP(sp)
  sret

sys_yield:
  csrsi sstatus, SSTATUS_SIE   # system calls run with interrupts enabled (as Linux's do)
  la t0, current
  lw t1, 0(t0)
  xori t1, t1, 1               # round robin between the two
  slli t2, t1, 2
  la t3, frames
  add t3, t3, t2
  lw t3, 0(t3)
  csrci sstatus, SSTATUS_SIE   # the switch runs with interrupts masked
  sw t1, 0(t0)
  mv sp, t3
  lw t0, F_SATP(sp)
  csrw satp, t0
  sfence.vma                   # the new address space: no stale translation
  j ret_user

sys_report:
  lw t0, F_A1(sp)
  slli t0, t0, 2
  la t1, results
  add t1, t1, t0
  lw t0, F_A0(sp)
  sw t0, 0(t1)
  j ret_user

sys_exit:                      # prints what A reported and powers off (the kernel is identity-mapped in every space)
  la a0, msg_syscalls
  call puts
  li a0, NSYS
  call putdec
  la a0, msg_switches
  call puts
  li a0, 2 * NSW
  call putdec
  la a0, msg_b_ran
  call puts
  la t0, frame_b
  lw a0, F_S2(t0)              # B's own count of its returns from yield, from its saved registers
  call putdec
  la a0, msg_times
  call puts
  la a0, msg_syscall_time
  call puts
  la t0, results
  lw a0, 0(t0)
  li t1, 100                   # a time tick is 100 ns
  mul a0, a0, t1
  li t1, NSYS
  divu a0, a0, t1
  call putdec
  la a0, msg_per_call
  call puts
  la a0, msg_ctxsw_time
  call puts
  la t0, results
  lw a0, 4(t0)
  li t1, 100
  mul a0, a0, t1
  li t1, 2 * NSW
  divu a0, a0, t1
  call putdec
  la a0, msg_per_switch
  call puts
  li a1, 0                     # SRST shutdown: exit code 0
  j shutdown

fatal:
  la a0, msg_fatal
  call puts
  csrr a0, scause
  call putdec
  la a0, msg_nl
  call puts
  li a1, 1                     # SRST system failure
shutdown:
  li a0, 0
  li a6, 0
  li a7, EID_SRST
  ecall
1:j 1b

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

# ---- the user processes: one page of position-independent code, mapped at USER_VA ----
  .align 12
user_page:
user_a:
  rdtime s0                    # the null system call loop
  li s1, NSYS
1:li a7, SYS_NULL
  ecall
  addi s1, s1, -1
  bnez s1, 1b
  rdtime t0
  sub a0, t0, s0
  li a1, 0
  li a7, SYS_REPORT
  ecall
  rdtime s0                    # the context switch loop
  li s1, NSW
2:li a7, SYS_YIELD
  ecall
  addi s1, s1, -1
  bnez s1, 2b
  rdtime t0
  sub a0, t0, s0
  li a1, 1
  li a7, SYS_REPORT
  ecall
  li a7, SYS_EXIT
  ecall
3:j 3b
user_b:
  li s2, 0                     # counts its returns from yield (the kernel prints it at the end)
1:li a7, SYS_YIELD
  ecall
  addi s2, s2, 1
  j 1b
  .align 12

  .section .rodata
msg_banner:       .asciz "syscall-ctxsw: a null system call and a context switch, timed by the guest\n"
msg_syscalls:     .asciz "null system calls: "
msg_switches:     .asciz ", context switches: "
msg_b_ran:        .asciz ", B resumed "
msg_times:        .asciz " times\n"
msg_syscall_time: .asciz "syscall: "
msg_per_call:     .asciz " ns per call\n"
msg_ctxsw_time:   .asciz "ctxsw: "
msg_per_switch:   .asciz " ns per switch\n"
msg_fatal:        .asciz "unexpected trap, scause "
msg_nl:           .asciz "\n"

  .data
  .align 2
frames:  .word frame_a, frame_b
current: .word 0
results: .word 0, 0

  .bss
  .align 12
stack_a: .space 4096           # the user stacks (one page each)
stack_b: .space 4096
kstack_a: .space 4096 - FRAME_SIZE   # kernel stacks, the register frame at the top of each
frame_a:  .space FRAME_SIZE
kstack_b: .space 4096 - FRAME_SIZE
frame_b:  .space FRAME_SIZE
numbuf:     .space 12
numbuf_end: .space 4
  .align 4
  .space 1024
boot_stack_top:
