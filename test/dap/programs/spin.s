# Runs forever (for pause and disconnect on a runaway guest).
    .text
    .globl _start
_start:
    li    a0, 0
spin:
    addi  a0, a0, 1
    j     spin
