# Two-register operations: the compressed forms need x8-x15 and rd == rs1 (either order for and/or/xor).
    .text
    .globl _start
_start:
    and   a0, a0, a1
    and   a0, a1, a0
    and   a0, a1, a2
    and   s2, s2, s3
    or    s0, s0, s1
    or    s0, s1, s0
    xor   a5, a5, a4
    xor   a5, a4, a5
    sub   a0, a0, a1
    sub   a0, a1, a0
    sub   s2, s2, s3
    andi  a0, a0, -32
    andi  a0, a0, 31
    andi  a0, a0, 32
    andi  a0, a1, 1
    andi  s2, s2, 1
    mv    a0, a1
    mv    s2, s3
    mv    a0, a0
    ret
