    .text
    .globl touch
touch:
    la    t0, local_copy
    lw    t1, 0(t0)
    addi  t1, t1, 1
    sw    t1, 0(t0)
    ret
    .section .rodata
    .globl shared_table
    .balign 8
shared_table: .word 1, 2, 3, 4
    .data
    .globl shared_count
shared_count: .word 4
back_ptr: .word local_copy
