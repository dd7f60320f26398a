# Integer data: every size, negative values, character constants, expressions, labels.
    .text
    .globl _start
_start:
    ret
    .data
bytes:  .byte 0, 1, 255, -1, -128, 'a', 'Z', '\n', '\t', '\\', '\'', '\0', 'b'+1, 'c, '\r, ' ', '#', ';'
halves: .half 0, 1, 0xffff, -1, 0x1234
shorts: .short 7, -7
twob:   .2byte 0xbeef
words:  .word 0, 1, -1, 0xdeadbeef, 0x7fffffff, -0x80000000
longs:  .long 42
ints:   .int -42
fourb:  .4byte 0x01020304
quads:  .quad 0x1122334455667788, -2
dwords: .dword 1
eightb: .8byte -1
refs:   .word bytes, halves + 2, _start, refs, . , end - bytes
        .half end - bytes
        .byte end - words
end:
leb:
        .uleb128 0
        .uleb128 1
        .uleb128 127
        .uleb128 128
        .uleb128 624485
        .uleb128 0xffffffff
        .sleb128 0
        .sleb128 1
        .sleb128 -1
        .sleb128 63
        .sleb128 64
        .sleb128 -64
        .sleb128 -65
        .sleb128 -123456
        .sleb128 0x7fffffff
