# The H extension: virtual-machine loads/stores, fences and hypervisor CSRs.
    .text
    .globl _start
_start:
    hlv.b     a0, (a1)
    hlv.bu    a0, (a1)
    hlv.h     a0, 0(a1)
    hlv.hu    s2, (s3)
    hlv.w     t0, (t1)
    hlvx.hu   a0, (a1)
    hlvx.wu   a0, (a1)
    hsv.b     a0, (a1)
    hsv.h     a0, 0(a1)
    hsv.w     s2, (sp)
    hfence.vvma
    hfence.vvma a0
    hfence.vvma a0, a1
    hfence.gvma
    hfence.gvma a0
    hfence.gvma a0, a1
    csrw      hstatus, a0
    csrr      a0, hedeleg
    csrw      hideleg, a0
    csrw      hgatp, a0
    csrr      a0, htval
    csrr      a0, htinst
    csrw      vsatp, a0
    csrw      vstvec, a0
    csrr      a0, vscause
    csrs      hvip, a0
    csrw      htimedelta, zero
    csrw      htimedeltah, zero
    csrr      a0, mtinst
    csrr      a0, mtval2
    ret
