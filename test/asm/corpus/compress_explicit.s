# Compressed instructions written explicitly as c.* mnemonics.
    .text
    .globl _start
_start:
    c.nop
    c.addi     a0, 5
    c.addi     a0, -1
    c.li       s2, -32
    c.li       a0, 31
    c.lui      a0, 1
    c.lui      t0, 0xfffff
    c.addi16sp sp, -64
    c.addi4spn a0, sp, 16
    c.mv       a0, a1
    c.add      a0, a1
    c.sub      s0, s1
    c.and      a0, a1
    c.or       a2, a3
    c.xor      a4, a5
    c.andi     a0, 7
    c.slli     s2, 2
    c.srli     a1, 2
    c.srai     a1, 2
    c.lw       a0, 4(a1)
    c.lw       a0, (a1)
    c.sw       a0, 124(a1)
    c.lwsp     ra, 12(sp)
    c.lwsp     s2, (sp)
    c.swsp     ra, 252(sp)
    c.swsp     s2, (sp)
    c.jr       ra
    c.jalr     a0
    c.ebreak
    c.j        _start
    c.jal      _start
    c.beqz     a0, _start
    c.bnez     s1, _start
    c.unimp
    ret
