# addi/add and how GNU picks c.addi, c.addi16sp, c.addi4spn, c.li, c.mv, c.nop or the full form.
    .text
    .globl _start
_start:
    addi  sp, sp, 16
    addi  sp, sp, -16
    addi  sp, sp, -512
    addi  sp, sp, 496
    addi  sp, sp, 512
    addi  sp, sp, 24
    addi  sp, sp, 8
    addi  sp, sp, 0
    addi  a0, sp, 4
    addi  a0, sp, 1020
    addi  a0, sp, 1024
    addi  a0, sp, 2
    addi  s2, sp, 8
    addi  a0, a0, 1
    addi  a0, a0, -32
    addi  a0, a0, 31
    addi  a0, a0, 32
    addi  a0, a0, 0
    addi  x0, x0, 0
    addi  x0, x0, 1
    addi  x0, a0, 0
    addi  a0, x0, 5
    addi  a0, x0, -32
    addi  a0, x0, 100
    addi  a0, a1, 0
    addi  s5, s5, 7
    addi  ra, ra, -1
    add   a0, a0, a1
    add   a0, a1, a0
    add   a0, a1, a2
    add   a0, x0, a1
    add   a0, a0, x0
    add   a0, a0, 5
    add   a0, sp, 8
    add   sp, sp, 32
    add   x0, x0, a1
    ret
