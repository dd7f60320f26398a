# asm-test: march=rv32ima_zicsr_zifencei_h
# Every row of the ISA table (src/engine/isa/instructions.ts) with non-compressible operands.
    .text
    .globl _start
_start:
target:
    lui         a0, 0x54321
    auipc       a0, 0x54321
    jal         t1, target
    jalr        ra, -4(t0)
    beq         s2, a5, target
    bne         s2, a5, target
    blt         s2, a5, target
    bge         s2, a5, target
    bltu        s2, a5, target
    bgeu        s2, a5, target
    lb          a0, 44(sp)
    lh          a0, 44(sp)
    lw          a0, 44(sp)
    lbu         a0, 44(sp)
    lhu         a0, 44(sp)
    sb          s5, -8(t2)
    sh          s5, -8(t2)
    sw          s5, -8(t2)
    addi        s3, a1, -77
    slti        s3, a1, -77
    sltiu       s3, a1, -77
    xori        s3, a1, -77
    ori         s3, a1, -77
    andi        s3, a1, -77
    slli        t0, t1, 13
    srli        t0, t1, 13
    srai        t0, t1, 13
    add         a0, a1, s2
    sub         a0, a1, s2
    sll         a0, a1, s2
    slt         a0, a1, s2
    sltu        a0, a1, s2
    xor         a0, a1, s2
    srl         a0, a1, s2
    sra         a0, a1, s2
    or          a0, a1, s2
    and         a0, a1, s2
    fence       r, w
    fence.i     
    ecall       
    ebreak      
    csrrw       a0, mscratch, s1
    csrrs       a0, mscratch, s1
    csrrc       a0, mscratch, s1
    csrrwi      a0, sscratch, 9
    csrrsi      a0, sscratch, 9
    csrrci      a0, sscratch, 9
    mul         a0, a1, s2
    mulh        a0, a1, s2
    mulhsu      a0, a1, s2
    mulhu       a0, a1, s2
    div         a0, a1, s2
    divu        a0, a1, s2
    rem         a0, a1, s2
    remu        a0, a1, s2
    lr.w        a0, (s2)
    sc.w        a0, s4, (a2)
    amoswap.w   a0, s4, (a2)
    amoadd.w    a0, s4, (a2)
    amoxor.w    a0, s4, (a2)
    amoand.w    a0, s4, (a2)
    amoor.w     a0, s4, (a2)
    amomin.w    a0, s4, (a2)
    amomax.w    a0, s4, (a2)
    amominu.w   a0, s4, (a2)
    amomaxu.w   a0, s4, (a2)
    mret        
    sret        
    wfi         
    sfence.vma  t0, t1
    hfence.vvma t0, t1
    hfence.gvma t0, t1
    hlv.b       s6, (a3)
    hlv.bu      s6, (a3)
    hlv.h       s6, (a3)
    hlv.hu      s6, (a3)
    hlv.w       s6, (a3)
    hlvx.hu     s6, (a3)
    hlvx.wu     s6, (a3)
    hsv.b       s7, (a4)
    hsv.h       s7, (a4)
    hsv.w       s7, (a4)
    ret
