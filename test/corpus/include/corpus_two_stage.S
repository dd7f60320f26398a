/* A two-stage (Sv32 over Sv32x4) address space for the hypervisor corpus. Include after
   corpus_hyp.S; TWO_STAGE_INIT (M-mode) writes the tables and turns both stages on:
   hgatp = Sv32x4, VMID 1, root ts_groot; vsatp = Sv32, ASID 3, root ts_vsroot.

   G stage (guest-physical -> host-physical), leaves U:
     GPA 0x80000000 4 MiB  -> HPA 0x80000000  RWX AD    (the program: code, data, tables, stacks)
     GPA 0x10000000 4 MiB  -> HPA 0x10000000  RW AD     (UART)
     GPA 0x90000000 4 MiB  -> HPA 0x80400000  RWX, A=D=0 (a G-stage superpage)
     GPA 0xc0000000 region through ts_gl0 (4 KiB pages):
       0xc0000 -> ts_page_a  RW, A=D=0      0xc0001 -> ts_page_b  RW AD
       0xc0002 -> ts_xpage   X AD           0xc0003 -> ts_vsl0    RW, A=D=0 (holds the VS L0 table)
   VS stage (guest-virtual -> guest-physical), S pages unless U:
     VA 0x80000000 4 MiB -> GPA 0x80000000  RWX AD, identity through the L0 table ts_vsl0_id
                            (handlers, stacks, the tables), but the page ts_upage: U RWX AD
     VA 0x10000000 4 MiB -> GPA 0x10000000  RW AD    (UART)
     VA 0x40000000 region through the L0 table at GPA 0xc0003000 (ts_vsl0):
       0x40000 -> 0xc0000 (page_a)  RW, A=D=0     0x40001 -> 0xc0001 (page_b)  U RW AD
       0x40002 -> 0xc0002 (xpage, G X-only) RWX AD 0x40003 -> ts_xpage (identity)  X AD
       0x40004 -> 0x90001 (G superpage) RW, A=D=0 0x40005 -> 0xc0001 (page_b)  R AD
       0x40006 invalid                            0x40007 -> 0xc0001 (page_b)  RW AD
       0x40008 -> ts_xpage  U X AD
     VA 0x40400000 4 MiB -> GPA 0xc0000000  RW AD    (a VS superpage over G-stage 4 KiB pages)
     VA 0x40800000 4 MiB -> GPA 0x90000000  RW, A=D=0 (a VS superpage over the G superpage)
   Markers: ts_page_a holds 0xaaaa0000 + offset at each word offset 0, 4, ...; ts_page_b
   0xbbbb0000 + offset; HPA 0x80400000 and 0x80401000 hold 0x90000000 and 0x90001000.
   ts_xpage starts with ts_xcode: "li a0, 0x5eed; ret" (call it at any of its virtual addresses).
   Code for VU-mode goes in the program's own page ts_upage (optional), the only user page of
   the identity map:
       .section .text.upage, "ax"
       .balign 4096
     ts_upage:
       ...                      (no stack, no UART: S pages; keep results in s1-s7)
       .balign 4096
   VU traps cannot be skipped by the VS handler (it may not read a user page): use RESUME_AT.
   Clobbers t0-t2, a0. */
#ifndef CORPUS_TWO_STAGE_S
#define CORPUS_TWO_STAGE_S

#define TS_HGATP_VMID1 ((1 << 31) | (1 << 22))
#define TS_VSATP_ASID3 ((1 << 31) | (3 << 22))
#define TS_XCODE_RESULT 0x5eed

/* PTE \idx of \table = the page of the address in \reg with \flags. Clobbers t0-t2. */
.macro TS_PTE table, idx, reg, flags
  srli t0, \reg, 12
  slli t0, t0, 10
  ori t0, t0, \flags
  la t1, \table
  li t2, (\idx) * 4
  add t1, t1, t2
  sw t0, 0(t1)
.endm

/* \reg = address of PTE \idx of \table. Clobbers t0. */
.macro TS_PTE_ADDR reg, table, idx
  la \reg, \table
  li t0, (\idx) * 4
  add \reg, \reg, t0
.endm

.macro TWO_STAGE_INIT
  call ts_fill_markers
  la a0, ts_gl0
  TS_PTE ts_groot, 0x300, a0, 0x01
  call ts_fill_identity
  li a0, 0x80000000
  TS_PTE ts_groot, 0x200, a0, 0xdf
  li a0, 0x10000000
  TS_PTE ts_groot, 0x040, a0, 0xd7
  li a0, 0x80400000
  TS_PTE ts_groot, 0x240, a0, 0x1f
  la a0, ts_page_a
  TS_PTE ts_gl0, 0, a0, 0x17
  la a0, ts_page_b
  TS_PTE ts_gl0, 1, a0, 0xd7
  la a0, ts_xpage
  TS_PTE ts_gl0, 2, a0, 0xd9
  la a0, ts_vsl0
  TS_PTE ts_gl0, 3, a0, 0x17
  la a0, ts_vsl0_id
  TS_PTE ts_vsroot, 0x200, a0, 0x01
  li a0, 0x10000000
  TS_PTE ts_vsroot, 0x040, a0, 0xc7
  li a0, 0xc0003000
  TS_PTE ts_vsroot, 0x100, a0, 0x01
  li a0, 0xc0000000
  TS_PTE ts_vsroot, 0x101, a0, 0xc7
  li a0, 0x90000000
  TS_PTE ts_vsroot, 0x102, a0, 0x07
  li a0, 0xc0000000
  TS_PTE ts_vsl0, 0, a0, 0x07
  li a0, 0xc0001000
  TS_PTE ts_vsl0, 1, a0, 0xd7
  li a0, 0xc0002000
  TS_PTE ts_vsl0, 2, a0, 0xcf
  la a0, ts_xpage
  TS_PTE ts_vsl0, 3, a0, 0xc9
  li a0, 0x90001000
  TS_PTE ts_vsl0, 4, a0, 0x07
  li a0, 0xc0001000
  TS_PTE ts_vsl0, 5, a0, 0xc3
  li a0, 0xc0001000
  TS_PTE ts_vsl0, 7, a0, 0xc7
  la a0, ts_xpage
  TS_PTE ts_vsl0, 8, a0, 0xd9
  la a0, ts_groot
  srli a0, a0, 12
  li t0, TS_HGATP_VMID1
  or a0, a0, t0
  csrw hgatp, a0
  la a0, ts_vsroot
  srli a0, a0, 12
  li t0, TS_VSATP_ASID3
  or a0, a0, t0
  csrw vsatp, a0
.endm

.weak ts_upage
.pushsection .text.corpus, "ax"
ts_fill_identity:               /* ts_vsl0_id: VA = GPA, S RWX AD, ts_upage U RWX AD; clobbers t0-t2, a0 */
  la t0, ts_vsl0_id
  li t1, (0x80000000 >> 12 << 10) | 0xcf
  li t2, 1024
  la a0, ts_upage
  srli a0, a0, 12
  slli a0, a0, 10
  ori a0, a0, 0xcf
1: sw t1, 0(t0)
  bne t1, a0, 2f
  ori t1, t1, 0x10              /* U */
  sw t1, 0(t0)
  andi t1, t1, ~0x10
2: addi t0, t0, 4
  addi t1, t1, 0x400
  addi t2, t2, -1
  bnez t2, 1b
  ret

ts_fill_markers:                /* clobbers t0-t2 */
  la t0, ts_page_a
  li t1, 0xaaaa0000
  li t2, 1024
1: sw t1, 0(t0)
  addi t0, t0, 4
  addi t1, t1, 4
  addi t2, t2, -1
  bnez t2, 1b
  la t0, ts_page_b
  li t1, 0xbbbb0000
  li t2, 1024
2: sw t1, 0(t0)
  addi t0, t0, 4
  addi t1, t1, 4
  addi t2, t2, -1
  bnez t2, 2b
  li t0, 0x80400000
  li t1, 0x90000000
  sw t1, 0(t0)
  li t0, 0x80401000
  li t1, 0x90001000
  sw t1, 0(t0)
  ret

  .balign 4096
ts_xpage:
ts_xcode:
  li a0, TS_XCODE_RESULT
  ret
  .balign 4096
.popsection

.pushsection .data.corpus_two_stage, "aw"
  .balign 16384
ts_groot: .space 16384
ts_gl0: .space 4096
ts_vsroot: .space 4096
ts_vsl0: .space 4096
ts_vsl0_id: .space 4096
ts_page_a: .space 4096
ts_page_b: .space 4096
.popsection
#endif
