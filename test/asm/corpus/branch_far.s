# Branches beyond ±4 KiB become an inverted branch over a jal (6 bytes from c.beqz/c.bnez, 8 otherwise).
    .text
    .globl _start
_start:
    beqz  a0, far_away
    bnez  s2, far_away
    beq   a0, a1, far_away
    blt   a0, a1, far_away
    bgeu  t0, t1, far_away
    ble   a0, a1, far_away
    j     far_away
    jal   far_away
    c.beqz a1, far_away
    .space 5000
far_away:
    bnez  a0, _start
    bgez  a0, _start
    bltu  a0, a1, _start
    j     _start
    ret
