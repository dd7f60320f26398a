/* Illegal 16-bit encodings on RV32C (cause 2, mtval = the 16 instruction bits zero-extended,
   mepc at the parcel; the handler skips 2 bytes): c.illegal, and each reserved form -
   c.addi4spn with imm 0, c.lwsp/c.jr with register 0, c.addi16sp/c.lui with imm 0,
   c.slli/c.srli/c.srai with shamt[5] = 1 (RV32), RV64-only c.subw/c.addw, reserved CA
   funct, and c.flw/c.fld/c.fsw(sp) while mstatus.FS = Off. */
#include "corpus.S"
#include "corpus_trap.S"

.macro ILLEGAL16 half
  EXPECT_AT .Lillegal\@
.Lillegal\@:
  .half \half
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li a0, 0x1234
  mv s0, sp
  ILLEGAL16 0x0000        /* c.illegal */
  ILLEGAL16 0x0004        /* c.addi4spn x9, sp, 0: nzuimm = 0 is reserved */
  ILLEGAL16 0x4002        /* c.lwsp x0: reserved */
  ILLEGAL16 0x8002        /* c.jr x0: reserved */
  ILLEGAL16 0x6101        /* c.addi16sp sp, 0: reserved */
  ILLEGAL16 0x6081        /* c.lui ra, 0: reserved */
  ILLEGAL16 0x1082        /* c.slli ra, 32: RV32 reserved */
  ILLEGAL16 0x9001        /* c.srli s0, 32 */
  ILLEGAL16 0x9401        /* c.srai s0, 32 */
  ILLEGAL16 0x9c01        /* c.subw s0, s0: RV64 only */
  ILLEGAL16 0x9c21        /* c.addw s0, s0 */
  ILLEGAL16 0x9c41        /* CA funct 1-11-10: reserved */
  ILLEGAL16 0x9c61        /* CA funct 1-11-11: reserved */
  ILLEGAL16 0x6008        /* c.flw fa0, 0(s0) with FS=Off */
  ILLEGAL16 0x2008        /* c.fld fa0, 0(s0) with FS=Off */
  ILLEGAL16 0xe008        /* c.fsw fa0, 0(s0) with FS=Off */
  ILLEGAL16 0x6502        /* c.flwsp fa0, 0(sp) with FS=Off */
  ILLEGAL16 0xe02a        /* c.fswsp fa0, 0(sp) with FS=Off */
  ILLEGAL16 0x2502        /* c.fldsp fa0, 0(sp) with FS=Off */
  /* a 16-bit illegal between two 32-bit instructions at a 2-mod-4 address */
  .option push
  .option norvc
  .balign 4
  nop
  .half 0x0001            /* c.nop, to shift the next parcel to 2 mod 4 */
  EXPECT_AT 1f
1: .half 0x0000
  addi a0, a0, 1
  .option pop
  CHECK a0_incremented_once, a0, 0x1235
  sub t0, sp, s0
  CHECK sp_untouched, t0, 0
  PRINT traps_total, s9
  FINISH
