// #if/#elif/#else with arithmetic, logic and defined(), nested; continuation lines.
#define MODE 2
#define FEATURE_A
#define LONG_MACRO(a) \
    addi a, a, 1; \
    addi a, a, 2
    .text
    .globl _start
_start:
#if MODE == 1
    li    a0, 1
#elif MODE == 2 && defined(FEATURE_A)
    li    a0, 2
#  if (MODE * 3 + 1) > 6 || !defined FEATURE_B
    li    a1, 7
#  endif
#else
    li    a0, 3
#endif
#if 0x10 >> 2 == 4 && (5 % 3) == 2 && ~0 == -1
    li    a2, 1
#endif
#if MODE ? 1 : 0
    li    a3, 1
#endif
    LONG_MACRO(a4)
    ret
