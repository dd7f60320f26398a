    .text
    .globl square, print_number, helper_loop
square:
    mul   a0, a0, a0
    ret
print_number:
    li    t0, 0x10000000
    addi  a0, a0, '0'
    sb    a0, 0(t0)
    li    a0, 0
    ret
helper_loop:
    jal   square
    bnez  a0, finish
    ret
