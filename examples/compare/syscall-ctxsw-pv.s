# syscall-ctxsw-pv: syscall-ctxsw.s paravirtualized by hand, for Hyperstep's PV SBI extension
# (docs/PARAVIRT.md). Same processes, same system calls, same output; only the kernel's use of
# privileged state changes, where the extension pays:
#   - trap entry: no sscratch swap. A per-CPU page mapped at the top of every address space
#     (0xfffff000) is reachable with x0-relative loads and stores (offsets -2048..-1), so the
#     kernel parks the user sp there and loads its frame pointer from there: no exit.
#   - scause and sepc: read from the shared vCPU page (the same page, registered with
#     set_shared), where the VMM writes them on every virtual trap entry: no exit.
#   - interrupt masking: a store to the shared page's `sie` word: no exit.
#   - the return: sepc is written and sret done with `priv` calls (two hypercalls).
#   - the switch: one set_satp call; no sfence.vma, since the VMM keeps the hardware's entries
#     for every pinned table up to date itself.
#   - page tables: built while unpinned, pinned, and their user mappings installed with one
#     batched mmu_update.
# It needs the extension: without it (bare, nested, shadow) it says so and fails.
#
# hyperstep compare syscall-ctxsw-pv.s --modes paravirt
# (or hyperstep run --vmm paravirt syscall-ctxsw-pv.s)

  .equ NSYS, 1000              # null system calls timed
  .equ NSW, 200                # yields by A (each is two switches: A to B and B to A)

  .equ SYS_NULL, 0
  .equ SYS_YIELD, 1
  .equ SYS_REPORT, 2           # a0 = elapsed time ticks, a1 = 0 (syscall loop) or 1 (yield loop)
  .equ SYS_EXIT, 3

  .equ EID_BASE, 0x10
  .equ EID_DBCN, 0x4442434E
  .equ EID_SRST, 0x53525354
  .equ PV_EID, 0x09485056      # the PV extension (docs/PARAVIRT.md): a6 = function
  .equ PV_MMU_UPDATE, 1
  .equ PV_SET_SATP, 2
  .equ PV_PIN_TABLE, 3
  .equ PV_SET_SHARED, 6
  .equ PV_PRIV, 8
  # priv's a0: op | csr << 8 | rd << 20 | rs << 25 (op 1 csrrw, 2 csrrs, 3 csrrc, 8 sret)
  .equ T0, 5
  .equ PRIV_WRITE_SEPC_T0, 1 | 0x141 << 8 | T0 << 25
  .equ PRIV_WRITE_STVEC_T0, 1 | 0x105 << 8 | T0 << 25
  .equ PRIV_WRITE_SCOUNTEREN_T0, 1 | 0x106 << 8 | T0 << 25
  .equ PRIV_SET_SSTATUS_T0, 2 | 0x100 << 8 | T0 << 25
  .equ PRIV_CLEAR_SSTATUS_T0, 3 | 0x100 << 8 | T0 << 25
  .equ PRIV_SRET, 8
  # The shared vCPU page's fields.
  .equ SH_SIE, 0
  .equ SH_PENDING, 4
  .equ SH_SEPC, 8
  .equ SH_SCAUSE, 12

  .equ PTE_V, 1 << 0
  .equ PTE_R, 1 << 1
  .equ PTE_W, 1 << 2
  .equ PTE_X, 1 << 3
  .equ PTE_U, 1 << 4
  .equ PTE_A, 1 << 6
  .equ PTE_D, 1 << 7
  .equ SATP_SV32, 1 << 31
  .equ SSTATUS_SPP, 1 << 8
  .equ SSTATUS_SUM, 1 << 18
  .equ KERNEL_MEGA, (0x80000000 >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  .equ KERNEL_DATA, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  .equ USER_CODE, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
  .equ USER_DATA, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
  .equ KROOT, 0x80400000
  .equ A_ROOT, 0x80401000
  .equ B_ROOT, 0x80402000
  .equ A_L0, 0x80403000
  .equ B_L0, 0x80404000
  .equ PERCPU_L0, 0x80405000   # the leaf table of the top 4 MiB: maps the per-CPU page
  .equ USER_VA, 0x40000000
  .equ USER_SP, USER_VA + 0x2000
  .equ PERCPU_VA, 0xfffff000   # the per-CPU page: shared vCPU fields at its start, kernel slots at its end
  .equ PC_USER_SP, -8          # x0-relative: 0xfffffff8
  .equ PC_FRAME, -4            # 0xfffffffc: the running process's frame

  .equ F_SP, 2 * 4
  .equ F_A0, 10 * 4
  .equ F_A1, 11 * 4
  .equ F_A6, 16 * 4
  .equ F_A7, 17 * 4
  .equ F_S2, 18 * 4
  .equ F_SEPC, 32 * 4
  .equ F_SATP, 33 * 4
  .equ FRAME_SIZE, 34 * 4

  # One PV call: a6 = function, a0.. = arguments; a0 = error back. Clobbers a0, a1, a6, a7.
  .macro pvcall fn
  li a7, PV_EID
  li a6, \fn
  ecall
  .endm
  # `priv` by hand: the call takes a 16-byte frame on the stack (its a0/a6/a7 slots, unused here).
  .macro priv encoded
  addi sp, sp, -16
  li a7, PV_EID
  li a6, PV_PRIV
  li a0, \encoded
  ecall
  addi sp, sp, 16
  .endm

  .option norelax

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  la sp, boot_stack_top
  li a0, PV_EID                # sbi_probe_extension: is the PV extension there?
  li a6, 3
  li a7, EID_BASE
  ecall
  bnez a1, 1f
  la a0, msg_no_pv
  call puts
  li a1, 1
  j shutdown
1:li t0, 7
  priv PRIV_WRITE_SCOUNTEREN_T0
  li t0, SSTATUS_SUM
  priv PRIV_SET_SSTATUS_T0
  li t0, SSTATUS_SPP
  priv PRIV_CLEAR_SSTATUS_T0
  la t0, trap_entry
  priv PRIV_WRITE_STVEC_T0
  la a0, percpu                # the shared vCPU page
  pvcall PV_SET_SHARED
  bnez a0, fatal_pv
  la a0, msg_banner
  call puts

  # Page tables, written with paging off while nothing is pinned: ordinary stores.
  li t0, KERNEL_MEGA
  li t1, KROOT + 0x200 * 4
  sw t0, 0(t1)
  li t0, (PERCPU_L0 >> 12) << 10 | PTE_V
  li t1, KROOT + 0x3ff * 4
  sw t0, 0(t1)
  la t0, percpu
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, KERNEL_DATA
  li t1, PERCPU_L0 + 0x3ff * 4
  sw t0, 0(t1)
  li a0, A_ROOT
  li a1, A_L0
  call build_root
  li a0, B_ROOT
  li a1, B_L0
  call build_root

  li a0, SATP_SV32 | (KROOT >> 12)   # validated and pinned, then in use
  pvcall PV_SET_SATP
  bnez a0, fatal_pv
  li a0, A_ROOT                # pin both processes' tables (each root pins its leaf tables)
  li a1, 1
  pvcall PV_PIN_TABLE
  bnez a0, fatal_pv
  li a0, B_ROOT
  li a1, 1
  pvcall PV_PIN_TABLE
  bnez a0, fatal_pv

  # The user mappings, all four in one mmu_update: (PTE address, value) pairs.
  la s0, updates
  la t0, user_page
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, USER_CODE
  li t1, A_L0
  sw t1, 0(s0)
  sw t0, 4(s0)
  li t1, B_L0
  sw t1, 16(s0)
  sw t0, 20(s0)
  la t0, stack_a
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, USER_DATA
  li t1, A_L0 + 4
  sw t1, 8(s0)
  sw t0, 12(s0)
  la t0, stack_b
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, USER_DATA
  li t1, B_L0 + 4
  sw t1, 24(s0)
  sw t0, 28(s0)
  mv a0, s0
  li a1, 4
  pvcall PV_MMU_UPDATE
  bnez a0, fatal_pv

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

  lw a0, F_SATP(s0)            # run A
  pvcall PV_SET_SATP
  bnez a0, fatal_pv
  mv sp, s0
  j ret_user

# build_root(a0 = root, a1 = leaf table): kernel megapage, the per-CPU table, the (empty) user table.
build_root:
  li t0, KERNEL_MEGA
  li t1, 0x200 * 4
  add t1, a0, t1
  sw t0, 0(t1)
  li t0, (PERCPU_L0 >> 12) << 10 | PTE_V
  li t1, 0x3ff * 4
  add t1, a0, t1
  sw t0, 0(t1)
  srli t0, a1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  li t1, (USER_VA >> 22) * 4
  add t1, a0, t1
  sw t0, 0(t1)
  ret

# ---- the trap handler: system calls from the user processes ----
  .align 2
trap_entry:
  sw sp, PC_USER_SP(zero)      # park the user sp in the per-CPU page
  lw sp, PC_FRAME(zero)        # sp = this process's frame
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, \n*4(sp)
  .endr
  lw t0, PC_USER_SP(zero)
  sw t0, F_SP(sp)
  li t2, PERCPU_VA
  lw t0, SH_SEPC(t2)           # sepc and scause, as the VMM left them in the shared page
  sw t0, F_SEPC(sp)
  lw t0, SH_SCAUSE(t2)
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
  priv PRIV_WRITE_SEPC_T0
  sw sp, PC_FRAME(zero)
  .irp n, 1,3,4,5,6,7,8,9,11,12,13,14,15,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, \n*4(sp)
  .endr
  # priv sret restores a0, a6, a7 from a 16-byte frame at sp and pops it: build it on the user stack.
  lw a7, F_SP(sp)
  addi a7, a7, -16
  lw a6, F_A0(sp)
  sw a6, 0(a7)
  lw a6, F_A6(sp)
  sw a6, 4(a7)
  lw a6, F_A7(sp)
  sw a6, 8(a7)
  mv sp, a7
  li a7, PV_EID
  li a6, PV_PRIV
  li a0, PRIV_SRET
  ecall                        # not coming back: the VMM returns to the user at sepc

sys_yield:
  li t2, PERCPU_VA
  li t0, 1
  sw t0, SH_SIE(t2)            # interrupts enabled (as Linux's system calls run): no exit
  lw t0, SH_PENDING(t2)
  beqz t0, 1f
  pvcall 0                     # something is pending: any call lets the VMM deliver it
1:la t0, current
  lw t1, 0(t0)
  xori t1, t1, 1               # round robin between the two
  slli t3, t1, 2
  la t4, frames
  add t4, t4, t3
  lw t4, 0(t4)
  li t2, PERCPU_VA
  sw zero, SH_SIE(t2)          # the switch runs with interrupts masked: no exit
  sw t1, 0(t0)
  mv sp, t4
  lw a0, F_SATP(sp)
  pvcall PV_SET_SATP           # validated, pinned tables: the VMM keeps their hardware entries current
  bnez a0, fatal_pv
  j ret_user

sys_report:
  lw t0, F_A1(sp)
  slli t0, t0, 2
  la t1, results
  add t1, t1, t0
  lw t0, F_A0(sp)
  sw t0, 0(t1)
  j ret_user

sys_exit:
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
  lw a0, F_S2(t0)
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
  li a1, 0
  j shutdown

fatal_pv:
  la a0, msg_fatal_pv
  call puts
  li a1, 1
  j shutdown
fatal:
  la a0, msg_fatal
  call puts
  li t0, PERCPU_VA
  lw a0, SH_SCAUSE(t0)
  call putdec
  la a0, msg_nl
  call puts
  li a1, 1
shutdown:
  li a0, 0
  li a6, 0
  li a7, EID_SRST
  ecall
1:j 1b

# ---- console: SBI DBCN console_write, one call per string ----
puts:
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
putdec:
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

# ---- the user processes: the same code as syscall-ctxsw.s ----
  .align 12
user_page:
user_a:
  rdtime s0
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
  rdtime s0
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
  li s2, 0
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
msg_fatal_pv:     .asciz "a PV call was refused\n"
msg_no_pv:        .asciz "syscall-ctxsw-pv needs Hyperstep's PV extension: run it under --vmm paravirt\n"
msg_nl:           .asciz "\n"

  .data
  .align 2
frames:  .word frame_a, frame_b
current: .word 0
results: .word 0, 0
updates: .space 4 * 8          # mmu_update requests: (PTE address, value) x 4

  .bss
  .align 12
percpu:  .space 4096           # the per-CPU page (shared vCPU fields + kernel slots), at 0xfffff000
stack_a: .space 4096
stack_b: .space 4096
kstack_a: .space 4096 - FRAME_SIZE
frame_a:  .space FRAME_SIZE
kstack_b: .space 4096 - FRAME_SIZE
frame_b:  .space FRAME_SIZE
numbuf:     .space 12
numbuf_end: .space 4
  .align 4
  .space 1024
boot_stack_top:
