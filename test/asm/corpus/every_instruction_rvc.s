# Every row again with C enabled: GNU compresses where a compressed form matches.
    .text
    .globl _start
_start:
target:
    lui         a0, 3
    auipc       a0, 3
    jal         ra, target
    jalr        zero, 0(a0)
    beq         a0, zero, target
    bne         a0, zero, target
    blt         a0, zero, target
    bge         a0, zero, target
    bltu        a0, zero, target
    bgeu        a0, zero, target
    lb          a0, 4(a1)
    lh          a0, 4(a1)
    lw          a0, 4(a1)
    lbu         a0, 4(a1)
    lhu         a0, 4(a1)
    sb          a0, 8(sp)
    sh          a0, 8(sp)
    sw          a0, 8(sp)
    addi        a0, a0, 7
    slti        a0, a0, 7
    sltiu       a0, a0, 7
    xori        a0, a0, 7
    ori         a0, a0, 7
    andi        a0, a0, 7
    slli        a0, a0, 3
    srli        a0, a0, 3
    srai        a0, a0, 3
    add         a0, a0, a1
    sub         a0, a0, a1
    sll         a0, a0, a1
    slt         a0, a0, a1
    sltu        a0, a0, a1
    xor         a0, a0, a1
    srl         a0, a0, a1
    sra         a0, a0, a1
    or          a0, a0, a1
    and         a0, a0, a1
    fence       iorw, iorw
    fence.i     
    ecall       
    ebreak      
    csrrw       a0, mscratch, a1
    csrrs       a0, mscratch, a1
    csrrc       a0, mscratch, a1
    csrrwi      a0, sscratch, 1
    csrrsi      a0, sscratch, 1
    csrrci      a0, sscratch, 1
    mul         a0, a0, a1
    mulh        a0, a0, a1
    mulhsu      a0, a0, a1
    mulhu       a0, a0, a1
    div         a0, a0, a1
    divu        a0, a0, a1
    rem         a0, a0, a1
    remu        a0, a0, a1
    lr.w        a0, (a1)
    sc.w        a0, a1, (a2)
    amoswap.w   a0, a1, (a2)
    amoadd.w    a0, a1, (a2)
    amoxor.w    a0, a1, (a2)
    amoand.w    a0, a1, (a2)
    amoor.w     a0, a1, (a2)
    amomin.w    a0, a1, (a2)
    amomax.w    a0, a1, (a2)
    amominu.w   a0, a1, (a2)
    amomaxu.w   a0, a1, (a2)
    mret        
    sret        
    wfi         
    sfence.vma  zero, zero
    hfence.vvma zero, zero
    hfence.gvma zero, zero
    hlv.b       a0, (a1)
    hlv.bu      a0, (a1)
    hlv.h       a0, (a1)
    hlv.hu      a0, (a1)
    hlv.w       a0, (a1)
    hlvx.hu     a0, (a1)
    hlvx.wu     a0, (a1)
    hsv.b       a0, (a1)
    hsv.h       a0, (a1)
    hsv.w       a0, (a1)
    ret
