# .option norvc/rvc/push/pop/arch switch compression on and off mid-file.
    .text
    .globl _start
_start:
    addi  a0, a0, 1
    .option push
    .option norvc
    addi  a0, a0, 1
    nop
    ret
    .align 3
    nop
    .option pop
    addi  a0, a0, 1
    .option norvc
    mv    a0, a1
    .option rvc
    mv    a0, a1
    .option arch, -c
    li    a0, 1
    .option arch, +c
    li    a0, 1
    .option relax
    .option norelax
    ret
