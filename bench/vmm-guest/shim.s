# A guest-side shim that lets a bare-metal workload (cpu-N.elf, linked at 0x80000000) run as a
# guest kernel under the built-in VMM: it installs a trap handler and jumps to the workload. The
# workload reads `minstret`, an M-mode CSR: from VS-mode that is an illegal instruction, which
# the VMM delegates straight to the guest (no exit), and this handler answers it with `instret`,
# the unprivileged counter. Any other trap shuts the VM down with SBI SRST (system failure).
  .section .text.init
  .globl _start
_start:
  la t0, trap
  csrw stvec, t0
  la t0, frame
  csrw sscratch, t0
  li t0, 0x80000000
  jr t0

  .align 2
trap:
  csrrw sp, sscratch, sp        # sp = register frame, sscratch = the workload's sp
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, \n*4(sp)
  .endr
  csrr t0, sscratch
  sw t0, 8(sp)
  csrr t0, scause
  li t1, 2                      # illegal instruction
  bne t0, t1, fail
  csrr t0, stval                # the instruction bits
  li t1, 0xfff0707f
  and t2, t0, t1
  li t1, 0xb0202073             # csrrs rd, minstret, x0
  bne t2, t1, fail
  srli t1, t0, 7
  andi t1, t1, 31               # rd
  rdinstret t2
  slli t1, t1, 2
  add t1, t1, sp
  sw t2, 0(t1)                  # the value rd gets back (a write to x0 lands in the unused slot 0)
  csrr t0, sepc
  addi t0, t0, 4
  csrw sepc, t0
  lw t0, 8(sp)
  csrw sscratch, t0
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, \n*4(sp)
  .endr
  csrrw sp, sscratch, sp        # the workload's sp back; sscratch = the frame again
  sret
fail:
  li a0, 0                      # SRST shutdown, reason: system failure
  li a1, 1
  li a6, 0
  li a7, 0x53525354
  ecall
1:j 1b

  .bss
  .align 4
frame: .space 128
