# asm-test: march=rv32ima_zicsr_zifencei_h
# A program assembled without the C extension: no compressed forms, 4-byte section alignment.
    .text
    .globl _start
_start:
    addi  sp, sp, -16
    sw    ra, 12(sp)
    li    a0, 5
    mv    a1, a0
    beqz  a0, 1f
    j     1f
    nop
    .align 3
1:  lw    ra, 12(sp)
    addi  sp, sp, 16
    ebreak
    .byte 1
    .align 2
    ret
