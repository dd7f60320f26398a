# RV32I register-register and register-immediate arithmetic, logic and shifts.
    .text
    .globl _start
_start:
    add   a0, a1, a2
    add   t0, t1, t2
    add   x31, x30, x29
    sub   s2, s3, s4
    sub   a0, a1, a0
    sll   a3, a4, a5
    slt   t3, t4, t5
    sltu  t6, s0, s1
    xor   s5, s6, s7
    srl   s8, s9, s10
    sra   s11, ra, gp
    or    tp, fp, sp
    and   x1, x2, x3
    addi  a0, a1, 0
    addi  a0, a1, 1
    addi  a0, a1, -1
    addi  a0, a1, 2047
    addi  a0, a1, -2048
    addi  s2, s3, 100
    slti  a0, a1, -5
    sltiu a0, a1, 5
    xori  a0, a1, 0x7ff
    ori   s4, s5, -0x800
    andi  t0, t1, 0xff
    andi  s2, s2, 0x1f
    slli  s2, s3, 31
    srli  s2, s3, 1
    srai  s2, s3, 17
    slli  a0, a0, 0
    add   x0, x0, x0
    xor   a0, a0, a1
    or    a0, a0, s1
    and   a5, a5, a4
    sub   a5, a5, s0
    addi  a0, a0, 0xffffffff
    addi  a0, a0, 0xfffff800
    ecall
