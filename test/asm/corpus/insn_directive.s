# .insn with raw encodings (length, value) and (value).
    .text
    .globl _start
_start:
    .insn 4, 0x00000013
    .insn 2, 0x0001
    .insn 0x00c58533
    .insn 0x4505
    ret
