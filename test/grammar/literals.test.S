# SYNTAX TEST "source.riscv-asm" "comments, strings, characters, preprocessor, macros"
#include "platform.h"
# <-------- keyword.control.directive.include.riscv-asm
#        ^^^^^^^^^^^^ string.quoted.double.include.riscv-asm
#define UART 0x10000000
# <------- keyword.control.directive.define.riscv-asm
#       ^^^^ entity.name.function.preprocessor.riscv-asm
#ifdef DEBUG
# <------ keyword.control.directive.conditional.riscv-asm
#endif
# <------ keyword.control.directive.conditional.riscv-asm
    li a0, 'A'    # a comment with add a0
#          ^^^ string.quoted.single.char.riscv-asm
#                 ^ comment.line.number-sign.riscv-asm punctuation.definition.comment.riscv-asm
#                              ^^^ comment.line.number-sign.riscv-asm
    li a1, '\n' // another comment
#          ^^^^ string.quoted.single.char.riscv-asm
#               ^^^^^^^^^^^^^^^^^^ comment.line.double-slash.riscv-asm
    /* block
#   ^^ comment.block.riscv-asm punctuation.definition.comment.riscv-asm
       comment addi a0 */ nop
#              ^^^^ comment.block.riscv-asm
#                         ^^^ keyword.other.instruction.pseudo.riscv-asm
msg: .asciz "gcd = \"%d\"\n"
#    ^^^^^^ keyword.control.directive.riscv-asm
#           ^ string.quoted.double.riscv-asm punctuation.definition.string.begin.riscv-asm
#                  ^^ string.quoted.double.riscv-asm constant.character.escape.riscv-asm
#                        ^^ constant.character.escape.riscv-asm
    .macro PUSH reg
#   ^^^^^^ keyword.control.directive.riscv-asm
    sw \reg, 0(sp)
#      ^^^^ variable.parameter.macro.riscv-asm
    .endm
#   ^^^^^ keyword.control.directive.riscv-asm
    .section .rodata, "a"
#   ^^^^^^^^ keyword.control.directive.riscv-asm
    .equ UART_BASE, 0x10000000
#   ^^^^ keyword.control.directive.riscv-asm
#                   ^^^^^^^^^^ constant.numeric.hex.riscv-asm
    .word msg + 4, (1 << 3)
#         ^^^ - keyword.other.instruction.riscv-asm
#             ^ keyword.operator.riscv-asm
#                     ^^ keyword.operator.riscv-asm
