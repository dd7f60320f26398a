# Numeric local labels: 1: ... 1b / 1f, reused many times, several numbers at once.
    .text
    .globl _start
_start:
1:  addi  a0, a0, -1
    bnez  a0, 1b
    j     1f
1:  addi  a1, a1, 1
2:  beqz  a1, 2f
    bnez  a1, 1b
    j     2b
2:  nop
3:  j     3f
    nop
3:  j     3b
10: nop
    j     10b
    beq   a0, a1, 10f
10: nop
    la    a0, 1f
    .word 1b, 1f
1:  ret
