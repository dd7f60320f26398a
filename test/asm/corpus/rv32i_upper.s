# lui/auipc with constants, %hi/%lo and %pcrel_hi/%pcrel_lo (including labels in other sections).
    .text
    .globl _start
_start:
    lui    a0, 0
    lui    a0, 1
    lui    a0, 31
    lui    a0, 32
    lui    a0, 0xfffff
    lui    a0, 0xfffe0
    lui    a0, 0xfffdf
    lui    sp, 4
    lui    zero, 4
    lui    s2, 0x12345
    auipc  a0, 0
    auipc  t1, 0xabcde
    lui    a0, %hi(table)
    addi   a0, a0, %lo(table)
    lui    a1, %hi(table + 0x7ff)
    lw     a1, %lo(table + 0x7ff)(a1)
    lui    a2, %hi(0x12345fff)
    addi   a2, a2, %lo(0x12345fff)
1:  auipc  a0, %pcrel_hi(table)
    addi   a0, a0, %pcrel_lo(1b)
2:  auipc  t0, %pcrel_hi(here)
    lw     t1, %pcrel_lo(2b)(t0)
    sw     t1, %pcrel_lo(2b)(t0)
.Lhi:
    auipc  s2, %pcrel_hi(far_data + 16)
    lbu    s3, %pcrel_lo(.Lhi)(s2)
here:
    ret
    .data
table: .word 1, 2, 3, 4
    .section .rodata
    .balign 16
far_data: .fill 64, 1, 0x5a
