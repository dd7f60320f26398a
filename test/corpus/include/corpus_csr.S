/* CSR probing for assembly corpus programs (WARL behaviour). Include after corpus_trap.S.
   The macros clobber a0-a3, t0, t2 and s10 (trap epc base), and print one line per probe:
     WARL csr, name        "name: was=R ones=O zero=Z" - the value found, what reads back after
                           writing all ones, then after writing zero; the old value is restored.
                           A CSR whose read traps prints "name: read traps" (after the trap line).
     WRITE_READ csr, value, name
                           "name: wrote=V read=R" - then restores the old value.
   Write all-ones only where it is safe to hold the value for a few CSR instructions (no memory
   access happens between the writes, so MPRV and friends cannot bite). */
#ifndef CORPUS_CSR_S
#define CORPUS_CSR_S

.macro WARL csr, name
  mv t2, s9
  li a2, 0xdeadbeef
  la s10, .Lwarl_read\@          /* trap lines show epc relative to the first read */
.Lwarl_read\@:
  csrr a2, \csr
  la a3, .Lwarl_name\@
  bne t2, s9, .Lwarl_missing\@
  li t0, -1
  li a0, 0xdeadbeef
  li a1, 0xdeadbeef
  csrw \csr, t0
  csrr a0, \csr
  csrw \csr, zero
  csrr a1, \csr
  csrw \csr, a2
  call corpus_print_warl
  j .Lwarl_done\@
.Lwarl_missing\@:
  call corpus_print_missing
.Lwarl_done\@:
  .pushsection .rodata.corpus_str, "a"
.Lwarl_name\@: .asciz "\name"
  .popsection
.endm

.macro WRITE_READ csr, value, name
  la s10, .Lwr_read\@
.Lwr_read\@:
  csrr a2, \csr
  li a0, \value
  li a1, 0xdeadbeef
  csrw \csr, a0
  csrr a1, \csr
  csrw \csr, a2
  la a3, .Lwr_name\@
  call corpus_print_write_read
  .pushsection .rodata.corpus_str, "a"
.Lwr_name\@: .asciz "\name"
  .popsection
.endm

.pushsection .text.corpus, "ax"
/* a3 = name, a2 = old value, a0 = after ones, a1 = after zero. Preserves all but a0. */
corpus_print_warl:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw t5, 4(sp)
  sw t6, 8(sp)
  sw a0, 12(sp)
  mv a0, a3
  call corpus_puts
  la a0, corpus_warl_text_was
  call corpus_puts
  mv a0, a2
  call corpus_hex8
  la a0, corpus_warl_text_ones
  call corpus_puts
  lw a0, 12(sp)
  call corpus_hex8
  la a0, corpus_warl_text_zero
  call corpus_puts
  mv a0, a1
  call corpus_hex8
  li a0, '\n'
  call corpus_putc
  lw ra, 0(sp)
  lw t5, 4(sp)
  lw t6, 8(sp)
  addi sp, sp, 16
  ret

/* a3 = name. */
corpus_print_missing:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw t5, 4(sp)
  sw t6, 8(sp)
  mv a0, a3
  call corpus_puts
  la a0, corpus_warl_text_missing
  call corpus_puts
  lw ra, 0(sp)
  lw t5, 4(sp)
  lw t6, 8(sp)
  addi sp, sp, 16
  ret

/* a3 = name, a0 = written, a1 = read back. */
corpus_print_write_read:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw t5, 4(sp)
  sw t6, 8(sp)
  sw a0, 12(sp)
  mv a0, a3
  call corpus_puts
  la a0, corpus_warl_text_wrote
  call corpus_puts
  lw a0, 12(sp)
  call corpus_hex8
  la a0, corpus_warl_text_read
  call corpus_puts
  mv a0, a1
  call corpus_hex8
  li a0, '\n'
  call corpus_putc
  lw ra, 0(sp)
  lw t5, 4(sp)
  lw t6, 8(sp)
  addi sp, sp, 16
  ret
.popsection

.pushsection .rodata.corpus_str, "a"
corpus_warl_text_was: .asciz ": was="
corpus_warl_text_ones: .asciz " ones="
corpus_warl_text_zero: .asciz " zero="
corpus_warl_text_missing: .asciz ": read traps\n"
corpus_warl_text_wrote: .asciz ": wrote="
corpus_warl_text_read: .asciz " read="
.popsection
#endif
