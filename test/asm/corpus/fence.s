# fence in all its spellings, fence.i and fence.tso.
    .text
    .globl _start
_start:
    fence
    fence iorw, iorw
    fence rw, rw
    fence r, r
    fence w, w
    fence i, o
    fence io, rw
    fence ow, ir
    fence iorw, w
    fence.tso
    fence.i
    ret
