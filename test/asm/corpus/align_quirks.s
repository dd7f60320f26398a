# .align in code: GNU pads nothing when aligning to no more than the instruction size.
    .globl _start
_start:
.data
.byte 1
.align 1
.byte 2
.balign 2
.byte 3
.p2align 2
.byte 4
.align 1, 0xff
.byte 5
.text
nop
.byte 9
.align 1
nop
.byte 8
.balign 2
nop
