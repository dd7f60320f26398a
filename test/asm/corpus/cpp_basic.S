// C preprocessor in a .S file: object-like and function-like macros, #ifdef, comments.
#define ITERATIONS 10
#define ADDR(x) ((x) + 0x100)
#define CONCAT(a, b) a ## b
#define STR(x) #x
/* a block comment
   across lines */
    .text
    .globl _start
_start:
    li    a0, ITERATIONS        // loop count
    li    a1, ADDR(4)
    li    a2, CONCAT(0x, 12)
#ifdef ITERATIONS
    addi  a0, a0, 1
#else
    ebreak
#endif
#ifndef NOT_DEFINED
    addi  a0, a0, 2
#endif
#undef ITERATIONS
#ifdef ITERATIONS
    ebreak
#endif
#if defined(__riscv) && __riscv_xlen == 32
    addi  a0, a0, 3
#endif
#if __riscv_compressed
    c.nop
#endif
    ret
    .section .rodata
    .asciz STR(hello)
