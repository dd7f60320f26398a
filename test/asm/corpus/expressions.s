# GNU expression syntax and precedence (<< binds like *, & | ^ bind tighter than + -).
    .text
    .globl _start
_start:
    li    a0, 1 + 2 * 3
    li    a0, (1 + 2) * 3
    li    a0, 1 << 2 + 1
    li    a0, 1 | 2 ^ 3
    li    a0, 6 & 3 + 1
    li    a0, -7 / 2
    li    a0, -7 % 2
    li    a0, ~0xff
    li    a0, !0 + !5
    li    a0, 0x10 >> 2
    li    a0, 3 > 2
    li    a0, 2 == 2
    li    a0, 2 != 2
    li    a0, 1 && 0
    li    a0, 1 || 0
    li    a0, 5 <= 4
    li    a0, 0b1010 + 017 + 0x1F
    li    a0, 'A' + 1
    li    a0, -(-5)
    li    a0, +3
    li    a0, 1 ! 0
    addi  a0, a0, 4 - 2
    .word end - start, (end - start) * 2, start - end
    .word 1 << 31, (1 << 32) - 1, 0x80000000 >> 4
start:
    nop
    nop
end:
    ret
