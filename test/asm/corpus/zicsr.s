# Zicsr instructions and their aliases, with CSR names and numbers.
    .text
    .globl _start
_start:
    csrrw   a0, mstatus, a1
    csrrs   a0, mie, a1
    csrrc   a0, mip, a1
    csrrwi  a0, mtvec, 31
    csrrsi  a0, mscratch, 0
    csrrci  a0, mepc, 5
    csrr    t0, mcause
    csrw    mtval, t0
    csrs    mstatus, t1
    csrc    mstatus, t2
    csrwi   mie, 8
    csrsi   mstatus, 8
    csrci   mstatus, 8
    csrw    mstatus, 3
    csrs    mie, 1
    csrc    mie, 2
    csrrw   a0, 0x340, a1
    csrr    a0, 0xc00
    csrrs   a0, mstatus, 7
    csrrw   a0, sstatus, 31
    csrrc   x0, satp, x0
    csrr    a0, 4095
    ret
