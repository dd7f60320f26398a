/* Illegal-instruction traps (cause 2) for 32-bit encodings, with mtval = the instruction bits
   and mepc at the instruction: all-zero, all-ones, custom opcodes, RV64-only forms (ld, sd,
   lwu, OP-32, AMO .d), reserved funct3/funct7 values, reserved shift amounts on RV32,
   reserved SYSTEM and MISC-MEM forms, and floating-point instructions while mstatus.FS = Off. */
#include "corpus.S"
#include "corpus_trap.S"

.macro ILLEGAL word
  EXPECT_AT .Lillegal\@
.Lillegal\@:
  .word \word
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li a0, 0x1234
  ILLEGAL 0x00000000      /* all zero (a 16-bit c.illegal followed by another) */
  ILLEGAL 0xffffffff      /* all ones */
  ILLEGAL 0x0000000b      /* custom-0 */
  ILLEGAL 0x0000002b      /* custom-1 */
  ILLEGAL 0x0000005b      /* custom-2 */
  ILLEGAL 0x0000007b      /* custom-3 */
  ILLEGAL 0x0000001f      /* 48-bit encoding space */
  ILLEGAL 0x0000003f      /* 64-bit encoding space */
  ILLEGAL 0x00053503      /* ld a0, 0(a0): RV64 only */
  ILLEGAL 0x00056503      /* lwu a0, 0(a0): RV64 only */
  ILLEGAL 0x00007503      /* load funct3=7 */
  ILLEGAL 0x00a53023      /* sd a0, 0(a0): RV64 only */
  ILLEGAL 0x00a54023      /* store funct3=4 */
  ILLEGAL 0x0000051b      /* addiw a0, zero, 0: RV64 only */
  ILLEGAL 0x00b5053b      /* addw: RV64 only */
  ILLEGAL 0x02b5053b      /* mulw: RV64 only */
  ILLEGAL 0x40b51533      /* sll with funct7=0x20 */
  ILLEGAL 0x80b50533      /* add with funct7=0x40 */
  ILLEGAL 0x02051513      /* slli a0, a0, 32: shamt[5] reserved on RV32 */
  ILLEGAL 0x02055513      /* srli a0, a0, 32 */
  ILLEGAL 0x42055513      /* srai a0, a0, 32 */
  ILLEGAL 0x10155513      /* srai-like OP-IMM funct7=0x08 (0x30 would be Zbb rori, on in QEMU) */
  ILLEGAL 0x00b52063      /* branch funct3=2 */
  ILLEGAL 0x00b53063      /* branch funct3=3 */
  ILLEGAL 0x000510e7      /* jalr funct3=1 */
  ILLEGAL 0x00b5352f      /* amoadd.d: RV64 only */
  ILLEGAL 0x30b5252f      /* AMO funct5=00110 */
  ILLEGAL 0x0000700f      /* MISC-MEM funct3=7 */
  ILLEGAL 0x00004073      /* SYSTEM funct3=4 with funct7=0 */
  ILLEGAL 0x10500073 | (1 << 15)  /* wfi with rs1=1 */
  ILLEGAL 0x30200073 | (1 << 7)   /* mret with rd=1 */
  ILLEGAL 0x00b57553      /* fadd.s fa0, fa0, fa1 with FS=Off */
  ILLEGAL 0x00052507      /* flw fa0, 0(a0) with FS=Off */
  ILLEGAL 0x00a52027      /* fsw fa0, 0(a0) with FS=Off */
  ILLEGAL 0x00053507      /* fld fa0, 0(a0) with FS=Off */
  ILLEGAL 0x00202573      /* frrm-like csrr a0, frm (0x002) with FS=Off */
  CHECK a0_untouched, a0, 0x1234
  PRINT traps_total, s9
  FINISH
