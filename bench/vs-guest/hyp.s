# The benchmark's minimal hypervisor (npm run bench, bench/vsGuest.ts): it runs a bare-metal
# workload (cpu-N.elf, linked at 0x80000000) as a VS-mode guest, to measure what two-stage
# translation costs when nothing exits.
#
# M-mode enters the guest directly (mret with MPP=S, MPV=1), so no HS-mode code runs. The G
# stage (Sv32x4) maps the guest's low 2 GiB (the devices) one to one, so its UART and test
# finisher accesses pass through without an exit, and guest RAM at gpa 0x80000000 to host
# 0x80400000, where the guest image is loaded. The only exit is the workload's final
# `csrr minstret` (an M-mode CSR, illegal from VS), which the M-mode handler emulates.
  .section .text.init
  .globl _start
_start:
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f                   # NAPOT over all memory, RWX, so VS/VU may touch everything
  csrw pmpcfg0, t0
  la t0, frame
  csrw mscratch, t0
  la t0, trap
  csrw mtvec, t0

  # G-stage root: 4096 entries of 4 MiB leaves (V R W X U A D: 0xdf; G-stage leaves need U).
  la a0, groot
  li t1, 0                      # gpa 0 .. 0x7fffffff -> the same host address
  li t2, 512
1:  slli t3, t1, 20
  ori t3, t3, 0xdf
  slli t4, t1, 2
  add t4, a0, t4
  sw t3, 0(t4)
  addi t1, t1, 1
  blt t1, t2, 1b
  li t1, 0                      # gpa 0x80000000 + k*4M -> host 0x80400000 + k*4M
  li t2, 31
  li t5, 0x20100000             # PPN 0x80400 in PTE position (<< 10)
2:  slli t3, t1, 20
  add t3, t3, t5
  ori t3, t3, 0xdf
  addi t4, t1, 512
  slli t4, t4, 2
  add t4, a0, t4
  sw t3, 0(t4)
  addi t1, t1, 1
  blt t1, t2, 2b
  srli t0, a0, 12
  li t1, 0x80000000             # MODE = Sv32x4, VMID 0
  or t0, t0, t1
  csrw hgatp, t0
  hfence.gvma zero, zero        # the tables were just written: no stale G-stage translation

  csrw vsatp, zero
  li t0, 0x1800                 # MPP = S ...
  csrc mstatus, t0
  li t0, 0x0800
  csrs mstatus, t0
  li t0, 0x80                   # ... with MPV = 1: mret enters VS-mode
  csrs mstatush, t0
  li t0, 0x80000000
  csrw mepc, t0
  li a0, 0                      # hartid
  li a1, 0
  mret

# Traps from the guest: emulate `csrr rd, minstret`; anything else fails the run with
# (mcause + 1) on the test finisher.
  .align 2
trap:
  csrrw sp, mscratch, sp        # sp = register frame, mscratch = the guest's sp
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, \n*4(sp)
  .endr
  csrr t0, mscratch
  sw t0, 8(sp)
  csrr t0, mcause
  li t1, 2                      # illegal instruction
  bne t0, t1, fail
  csrr t0, mtval                # the instruction bits
  li t1, 0xfff0707f
  and t2, t0, t1
  li t1, 0xb0202073             # csrrs rd, minstret, x0
  bne t2, t1, fail
  srli t1, t0, 7
  andi t1, t1, 31
  beqz t1, 3f
  slli t1, t1, 2
  add t1, sp, t1
  csrr t2, minstret
  sw t2, 0(t1)
3:  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  lw t0, 8(sp)                  # the guest's sp, possibly just written
  csrw mscratch, t0
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, \n*4(sp)
  .endr
  csrrw sp, mscratch, sp        # back to the guest's sp; mscratch = frame again
  mret
fail:
  addi t0, t0, 1
  slli t0, t0, 16
  li t1, 0x3333
  or t0, t0, t1
  li t1, 0x100000
  sw t0, 0(t1)
4:  j 4b

  .bss
  .align 14
groot:
  .space 16384
frame:
  .space 128
