# SYNTAX TEST "source.riscv-asm" "instructions, pseudo-instructions, registers, CSRs"
    .text
#   ^^^^^ keyword.control.directive.riscv-asm
    .globl _start
#   ^^^^^^ keyword.control.directive.riscv-asm
_start:
# <------ entity.name.function.label.riscv-asm
#     ^ punctuation.separator.label.riscv-asm
    addi t1, zero, 0x18
#   ^^^^ keyword.other.instruction.riscv-asm
#        ^^ variable.language.register.riscv-asm
#            ^^^^ variable.language.register.riscv-asm
#                  ^^^^ constant.numeric.hex.riscv-asm
    li x31, -42
#   ^^ keyword.other.instruction.pseudo.riscv-asm
#      ^^^ variable.language.register.riscv-asm
#           ^ keyword.operator.riscv-asm
#            ^^ constant.numeric.decimal.riscv-asm
loop: beq t1, t2, done
# <---- entity.name.function.label.riscv-asm
#     ^^^ keyword.other.instruction.riscv-asm
#                 ^^^^ - variable.language.register.riscv-asm
    fence.i
#   ^^^^^^^ keyword.other.instruction.riscv-asm
    lr.w.aqrl a0, (a1)
#   ^^^^^^^^^ keyword.other.instruction.riscv-asm
    c.addi s0, 1
#   ^^^^^^ keyword.other.instruction.riscv-asm
#          ^^ variable.language.register.riscv-asm
    csrr a0, mstatus
#   ^^^^ keyword.other.instruction.pseudo.riscv-asm
#            ^^^^^^^ support.constant.csr.riscv-asm
    csrw hgatp, zero
#        ^^^^^ support.constant.csr.riscv-asm
    hlv.w a0, (a1)
#   ^^^^^ keyword.other.instruction.riscv-asm
    mv fp, sp ; ret
#   ^^ keyword.other.instruction.pseudo.riscv-asm
#      ^^ variable.language.register.riscv-asm
#             ^ punctuation.separator.riscv-asm
#               ^^^ keyword.other.instruction.pseudo.riscv-asm
    ADD a0, a1, a2
#   ^^^ keyword.other.instruction.riscv-asm
    lui a0, %hi(msg)
#           ^^^ support.function.relocation.riscv-asm
#               ^^^ - support.constant.csr.riscv-asm
    auipc a0, %pcrel_hi(msg)
#             ^^^^^^^^^ support.function.relocation.riscv-asm
    addi a0, a0, %pcrel_lo(1b)
#                ^^^^^^^^^ support.function.relocation.riscv-asm
#                          ^^ variable.other.label.local.riscv-asm
1:  j 1b
# <- entity.name.function.label.local.riscv-asm
#   ^ keyword.other.instruction.pseudo.riscv-asm
#     ^^ variable.other.label.local.riscv-asm
    addi a0, a0, 0b1010
#                ^^^^^^ constant.numeric.binary.riscv-asm
    add.x a0, a1
#   ^^^^^ - keyword.other.instruction.riscv-asm
