# A small hypervisor for the debugger tests. M-mode hands over to HS-mode (guest traps are
# delegated there), HS-mode builds the G stage (Sv32x4) for one guest and enters it with sret.
# Guest-physical 0x80000000..0x8000ffff maps to host-physical 0x80200000.. in 4 KiB pages.
    .equ GUEST_HPA, 0x80200000
    .equ GUEST_PAGES, 16
    .section .text.init
    .globl _start
_start:
    li    t0, -1
    csrw  pmpaddr0, t0
    li    t0, 0x1f
    csrw  pmpcfg0, t0
    li    t0, (1 << 10) | (1 << 20) | (1 << 21) | (1 << 22) | (1 << 23)
    csrw  medeleg, t0           # VM exits (ecall from VS, guest-page faults, virtual instruction) go to HS
    la    t0, hyp_main
    csrw  mepc, t0
    li    t0, 0x1800
    csrc  mstatus, t0
    li    t0, 0x0800
    csrs  mstatus, t0           # MPP = S: mret enters HS-mode
    mret

    .text
hyp_main:
    la    t0, hyp_trap
    csrw  stvec, t0
    la    t0, hyp_save
    csrw  sscratch, t0
    la    a0, h_groot
    la    a1, h_gl0
    srli  t0, a1, 2             # root[512] (GPA 0x80000000..0x803fffff) -> h_gl0
    ori   t0, t0, 0x01
    li    t1, 512 * 4
    add   t1, a0, t1
    sw    t0, 0(t1)
    li    t1, (GUEST_HPA >> 2) | 0xdf   # h_gl0[k] -> GUEST_HPA + k * 4K: D A U X W R V
    li    t2, 0
    li    t3, GUEST_PAGES
1:  slli  t4, t2, 2
    add   t4, a1, t4
    slli  t5, t2, 10
    add   t5, t1, t5
    sw    t5, 0(t4)
    addi  t2, t2, 1
    blt   t2, t3, 1b
    li    t5, (0x80300000 >> 2) | 0xcf  # h_gl0[16] (GPA 0x80010000): a leaf without U
    sw    t5, 16 * 4(a1)
    li    t5, (0x80201000 >> 2) | 0xdf  # root[640] (GPA 0xa0000000): a misaligned 4 MiB leaf
    li    t1, 640 * 4
    add   t1, a0, t1
    sw    t5, 0(t1)
    srli  t0, a0, 12
    li    t1, 0x80400000        # hgatp: Sv32x4, VMID 1
    or    t0, t0, t1
    csrw  hgatp, t0
    li    t0, (1 << 7) | (1 << 8)
    csrs  hstatus, t0           # SPV = 1, SPVP = 1: sret enters VS-mode
    li    t0, 1 << 8
    csrs  sstatus, t0           # SPP = S
    li    t0, 0x80000000
    csrw  sepc, t0
enter_guest:
    sret                        # VM entry at the guest's first instruction
