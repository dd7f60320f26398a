# Statement syntax: ';' separators, '#' and /* */ comments, several labels on a line, case-insensitive mnemonics.
    .text
    .globl _start
_start: li a0, 1; li a1, 2 ; add a0, a0, a1   # three statements
a: b: c:  nop               # three labels on one line
    ADDI  a0, a0, 1
    Mv    a1, a0
    /* a comment
       spanning lines; with ; and # inside */ addi a0, a0, 2
    li    a2, ';'
    li    a3, '#'
    .ascii "a;b#c"
    .byte 0
    .align 1
	addi	a0,a0,3
label_without_space:nop
    ret;
    ;;
