# Data referenced across files: la/lw/sw of another file's symbols, .word pointers both ways.
    .text
    .globl _start
_start:
    la    a0, shared_table
    lw    a1, shared_count
    sw    a1, local_copy, t0
    lui   a2, %hi(shared_table)
    addi  a2, a2, %lo(shared_table)
    call  touch
    ret
    .data
    .globl local_copy
local_copy: .word 0
ptrs: .word shared_table, shared_count, _start, touch
