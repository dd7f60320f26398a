# Three machine timer interrupts, then exit with code 3.
    .equ CLINT_MTIMECMP, 0x2004000
    .equ CLINT_MTIME, 0x200bff8
    .equ FINISHER, 0x100000
    .text
    .globl _start
_start:
    la    t0, tick
    csrw  mtvec, t0
    la    sp, stack_top
    li    s2, 0
    call  arm
    li    t0, 0x80             # MTIE
    csrs  mie, t0
    csrsi mstatus, 8           # MIE
wait:
    wfi
    li    t0, 3
    blt   s2, t0, wait
    li    t0, FINISHER
    li    t1, 0x33333
    sw    t1, 0(t0)
1:  j     1b

# mtimecmp = mtime + 1000
arm:
    li    t0, CLINT_MTIME
    lw    t1, 0(t0)
    addi  t1, t1, 1000
    li    t0, CLINT_MTIMECMP
    sw    zero, 4(t0)
    sw    t1, 0(t0)
    ret

    .align 2
tick:
    addi  s2, s2, 1
    addi  sp, sp, -16
    sw    ra, 0(sp)
    call  arm
    lw    ra, 0(sp)
    addi  sp, sp, 16
    mret

    .bss
    .align 4
    .space 256
stack_top:
