# The M extension.
    .text
    .globl _start
_start:
    mul    a0, a1, a2
    mulh   a0, a1, a2
    mulhsu a0, a1, a2
    mulhu  a0, a1, a2
    div    s2, s3, s4
    divu   t0, t1, t2
    rem    a5, a5, a4
    remu   x31, x1, x0
    mul    a0, a0, a0
    ret
