# Branches and jumps to labels the assembler cannot see the distance to (other sections):
# GNU emits the long forms and leaves the offset to the linker.
    .text
    .globl _start
_start:
    beqz  a0, handler
    bnez  a0, handler
    beq   a0, a1, handler
    j     handler
    jal   handler
    jal   ra, handler
    c.j   handler
    call  handler
    tail  handler
    ret
    .section .text.handlers, "ax", @progbits
handler:
    beqz  a0, _start
    j     _start
    ret
