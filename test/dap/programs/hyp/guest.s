# The test guest (VS-mode), linked at guest-physical 0x80000000, loaded at host 0x80200000.
# It maps itself one to one (4 KiB pages), GVA 0x40000000 to g_data and GVA 0x90000000 to
# GPA 0x90000000 (a 4 MiB page the G stage does not back), turns on its MMU, then exits to
# the hypervisor: two putchar ecalls, a store the hypervisor emulates, shutdown.
    .text
    .globl guest_start
guest_start:
    la    a0, g_vroot
    la    a1, g_vl0
    srli  t0, a1, 2             # root[512] (GVA 0x80000000..) -> g_vl0
    ori   t0, t0, 0x01
    li    t1, 512 * 4
    add   t1, a0, t1
    sw    t0, 0(t1)
    li    t1, (0x80000000 >> 2) | 0xcf  # g_vl0[k] -> GPA 0x80000000 + k * 4K: D A X W R V
    li    t2, 0
    li    t3, 16
1:  slli  t4, t2, 2
    add   t4, a1, t4
    slli  t5, t2, 10
    add   t5, t1, t5
    sw    t5, 0(t4)
    addi  t2, t2, 1
    blt   t2, t3, 1b
    la    a2, g_vl0b
    srli  t0, a2, 2             # root[256] (GVA 0x40000000) -> g_vl0b
    ori   t0, t0, 0x01
    li    t1, 256 * 4
    add   t1, a0, t1
    sw    t0, 0(t1)
    la    t0, g_data
    srli  t0, t0, 2             # g_vl0b[0] -> g_data: D A W R V
    ori   t0, t0, 0xc7
    sw    t0, 0(a2)
    li    t0, (0x90000000 >> 2) | 0xc7  # root[576] (GVA 0x90000000): 4 MiB leaf, GPA 0x90000000
    li    t1, 576 * 4
    add   t1, a0, t1
    sw    t0, 0(t1)
    srli  t0, a0, 12
    li    t1, 0x80000000
    or    t0, t0, t1
    csrw  satp, t0              # vsatp: Sv32, ASID 0
    sfence.vma
    .globl guest_main
guest_main:
    li    a0, 'H'
    li    a7, 1
    ecall                       # VM exit: putchar
    li    a0, 'i'
    ecall
    li    t2, 0x40000000
    li    t3, 42
    sw    t3, 0(t2)             # through GVA 0x40000000 to g_data
    li    t4, 0x90000000
    li    t5, 7
    sw    t5, 0(t4)             # VM exit: store guest-page fault (emulated MMIO)
    li    a7, 8
    ecall                       # VM exit: shutdown

    .bss
    .align 12
g_vroot:   .space 4096
g_vl0:     .space 4096
g_vl0b:    .space 4096
g_data:    .space 4096
