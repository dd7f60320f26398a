# The A extension: every AMO with every ordering suffix.
    .text
    .globl _start
_start:
    lr.w          a0, (a1)
    lr.w.aq       a0, (a1)
    lr.w.rl       a0, 0(a1)
    lr.w.aqrl     a0, (a1)
    sc.w          a0, a2, (a1)
    sc.w.aq       a0, a2, (a1)
    sc.w.rl       a0, a2, (a1)
    sc.w.aqrl     t0, t1, (t2)
    .irp op, amoswap.w, amoadd.w, amoxor.w, amoand.w, amoor.w, amomin.w, amomax.w, amominu.w, amomaxu.w
    \op           a0, a2, (a1)
    \op\().aq     s2, s3, (s4)
    \op\().rl     a0, a2, 0(a1)
    \op\().aqrl   x0, x31, (sp)
    .endr
    ret
