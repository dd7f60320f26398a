# Strings with escapes: .ascii, .asciz, .string, several per line.
    .text
    .globl _start
_start:
    ret
    .section .rodata
s1: .ascii "abc"
s2: .asciz "abc"
s3: .string "x", "yz", ""
s4: .ascii "tab\there\nnewline\\backslash \"quoted\" \x41\101\0end"
s5: .asciz "#not a comment;not a separator"
s6: .ascii "\a\b\f\r\v\e"
s7: .asciz "caf\303\251"
    .byte 0
