# Unconditional jumps: jal/jalr in every form, j, jr, ret, call, tail.
    .text
    .globl _start
_start:
    jal   ra, func
    jal   func
    jal   t0, func
    jal   x0, func
    j     func
    jalr  ra, 0(a0)
    jalr  ra, 4(a0)
    jalr  a0
    jalr  s2
    jalr  t0, a1
    jalr  t0, 16(a1)
    jalr  ra, a0, 8
    jalr  a0, 12
    jr    a0
    jr    s5
    jr    8(a1)
    jr    a1, 4
    ret
    call  func
    call  t0, func
    tail  func
    jump  func, t2
func:
    jalr  x0, 0(ra)
    ret
