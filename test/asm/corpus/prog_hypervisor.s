# HS-mode hypervisor setup: delegation, G-stage page table root, VS CSRs, sret into a guest.
    .equ  HSTATUS_SPV, 1 << 7
    .equ  SSTATUS_SPP, 1 << 8
    .equ  HGATP_MODE_SV32X4, 1 << 31
    .text
    .globl _start
_start:
    li    t0, (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
    csrw  hedeleg, t0
    li    t0, (1 << 2) | (1 << 6) | (1 << 10)
    csrw  hideleg, t0
    la    t0, g_stage_root
    srli  t0, t0, 12
    li    t1, HGATP_MODE_SV32X4
    or    t0, t0, t1
    csrw  hgatp, t0
    hfence.gvma
    csrw  vsatp, zero
    la    t0, guest_trap
    csrw  vstvec, t0
    csrs  hstatus, HSTATUS_SPV >> 3
    li    t0, HSTATUS_SPV
    csrs  hstatus, t0
    li    t0, SSTATUS_SPP
    csrs  sstatus, t0
    la    t0, guest_entry
    csrw  sepc, t0
    sret
guest_entry:
    li    a7, 0x48535450
    ecall
    hlv.w a0, (a1)
    j     guest_entry
guest_trap:
    csrr  a0, vscause
    sret
    .section .data
    .balign 4096
g_stage_root: .zero 16384
