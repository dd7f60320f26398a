# The small pseudo-instructions and what GNU turns them into.
    .text
    .globl _start
_start:
    nop
    mv     a0, a1
    mv     s2, s3
    mv     a0, zero
    mv     zero, a0
    mv     sp, a0
    move   a0, a1
    not    a0, a1
    not    s2, s2
    neg    a0, a1
    neg    t0, t0
    seqz   a0, a1
    snez   a0, a1
    sltz   a0, a1
    sgtz   a0, a1
    sgt    a0, a1, a2
    sgtu   a0, a1, a2
    slt    a0, a1, 5
    sltu   a0, a1, 7
    and    a0, a1, 3
    or     a0, a1, 3
    xor    a0, a1, 3
    add    a0, a1, 3
    sll    a0, a1, 3
    srl    a0, a1, 3
    sra    a0, a1, 3
    and    a0, a0, 3
    sll    a0, a0, 3
    srl    a0, a0, 3
    sra    a0, a0, 3
    ret
