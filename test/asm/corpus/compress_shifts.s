# Shifts by immediates: c.slli/c.srli/c.srai need a non-zero amount (and c.slli a non-zero rd).
    .text
    .globl _start
_start:
    slli  a0, a0, 1
    slli  a0, a0, 31
    slli  a0, a0, 0
    slli  s2, s2, 4
    slli  x0, x0, 4
    slli  a0, a1, 4
    srli  a0, a0, 1
    srli  a0, a0, 0
    srli  s2, s2, 1
    srai  a5, a5, 31
    srai  s0, s0, 3
    srai  s3, s3, 3
    srai  a0, a1, 3
    c.slli a0, 3
    c.srli a0, 3
    c.srai a0, 3
    ret
