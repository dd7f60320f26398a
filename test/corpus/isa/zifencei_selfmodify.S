/* Zifencei: code patched at run time (a 32-bit and a 16-bit instruction, in a routine that
   has already executed once) runs in its new form after fence.i; fence.i's reserved fields
   are ignored. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  call patchable
  CHECK before_patch, a0, 0x111
  /* patch "li a0, 0x111" (addi a0, zero, 0x111) into "addi a0, zero, 0x222" */
  la t0, patch_site
  li t1, 0x22200513
  sw t1, 0(t0)
  fence.i
  call patchable
  CHECK after_patch, a0, 0x222
  /* patch the compressed "c.li a1, 1" into "c.li a1, 7" */
  la t0, patch_site_c
  li t1, 0x459d
  sh t1, 0(t0)
  fence.i
  call patchable
  CHECK after_patch_c, a1, 7
  /* patch one byte: the immediate's top byte 0x22 -> 0x33 gives "li a0, 0x332" */
  la t0, patch_site
  li t1, 0x33
  sb t1, 3(t0)
  fence.i
  li a0, 0
  call patchable
  CHECK byte_patch, a0, 0x332
  .word 0x0000100f | (5 << 15) | (6 << 7) | (0x123 << 20)   /* fence.i with rs1, rd, imm set */
  CHECK traps, s9, 0
  FINISH

  /* the patched routine lives in .data so it is writable and executable on every emulator */
  .data
  .align 2
patchable:
  .option push
  .option norvc
patch_site:
  li a0, 0x111
  .option rvc
patch_site_c:
  c.li a1, 1
  .option norvc
  ret
  .option pop
