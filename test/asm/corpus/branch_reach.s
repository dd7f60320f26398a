# Branch relaxation at the exact reach boundaries (c.beqz ±256, beq ±4 KiB, c.j ±2 KiB).
    .text
    .globl _start
_start:
    beqz  a0, f0
    .fill 124, 2, 0x0001
f0:
    beqz  a0, f1
    .fill 125, 2, 0x0001
f1:
    beqz  a0, f2
    .fill 126, 2, 0x0001
f2:
    beqz  a0, f3
    .fill 127, 2, 0x0001
f3:
    beqz  a0, f4
    .fill 128, 2, 0x0001
f4:
    beqz  a0, f5
    .fill 129, 2, 0x0001
f5:
    beqz  a0, f6
    .fill 2045, 2, 0x0001
f6:
    beqz  a0, f7
    .fill 2046, 2, 0x0001
f7:
    beqz  a0, f8
    .fill 2047, 2, 0x0001
f8:
    beqz  a0, f9
    .fill 2048, 2, 0x0001
f9:
    beqz  a0, f10
    .fill 2049, 2, 0x0001
f10:
    j     f11
    .fill 1020, 2, 0x0001
f11:
    j     f12
    .fill 1021, 2, 0x0001
f12:
    j     f13
    .fill 1022, 2, 0x0001
f13:
    j     f14
    .fill 1023, 2, 0x0001
f14:
    j     f15
    .fill 1024, 2, 0x0001
f15:
    j     f16
    .fill 1025, 2, 0x0001
f16:
b17:
    .fill 125, 2, 0x0001
    bnez  a5, b17
b18:
    .fill 126, 2, 0x0001
    bnez  a5, b18
b19:
    .fill 127, 2, 0x0001
    bnez  a5, b19
b20:
    .fill 128, 2, 0x0001
    bnez  a5, b20
b21:
    .fill 129, 2, 0x0001
    bnez  a5, b21
b22:
    .fill 2045, 2, 0x0001
    bnez  a5, b22
b23:
    .fill 2046, 2, 0x0001
    bnez  a5, b23
b24:
    .fill 2047, 2, 0x0001
    bnez  a5, b24
b25:
    .fill 2048, 2, 0x0001
    bnez  a5, b25
b26:
    .fill 1022, 2, 0x0001
    j     b26
b27:
    .fill 1023, 2, 0x0001
    j     b27
b28:
    .fill 1024, 2, 0x0001
    j     b28
b29:
    .fill 1025, 2, 0x0001
    j     b29
    ret
