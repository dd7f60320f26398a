import { describeProbes, ProbeProgram } from './hypervisorProbe';

/**
 * Conformance of traps with the hypervisor extension: guest-page faults of explicit and implicit
 * accesses from V=1 (htval/mtval2, the transformed instruction and the pseudo-instructions in
 * htinst/mtinst, GVA) and every virtual-instruction case the H chapter lists ("Trap Cause Codes").
 *
 * Each program runs on QEMU 7.2 (its transcript below is what QEMU printed, and the first test
 * of each program checks QEMU still prints it), on Hyperstep with `compat: 'qemu-7.2'` (QEMU's
 * transcript, but for `compatOwn`), and on the default machine, which prints the spec's
 * lines where they differ; each such line has its own test naming the clause. The probe harness
 * and the page tables are described in hypervisorProbe.ts.
 */
const PROGRAMS: ProbeProgram[] = [
  {
    name: 'V=1 faults: mtval2, mtinst, GVA',
    body: String.raw`
probes:
      HGATP_ON
      VSATP_ON
      li t0, 0x100
      csrs hstatus, t0     # SPVP = 1
      BEGIN 0x60           # VS lw (c.lw), G-stage invalid
      ENTER 1, 1
      li a1, 0x40007004
      lw a0, 0(a1)
      END
      BEGIN 0x61           # VS c.lw with an offset
      ENTER 1, 1
      li a1, 0x40007000
      c.lw a0, 8(a1)
      END
      BEGIN 0x62           # VS sw (c.sw) with an offset
      ENTER 1, 1
      li a1, 0x40007000
      sw a0, 12(a1)
      END
      BEGIN 0x63           # VS 32-bit lw with rd = rs1 and a negative offset
      ENTER 1, 1
      li t1, 0x40007010
      lw t1, -4(t1)
      END
      BEGIN 0x64           # VS 32-bit sh
      ENTER 1, 1
      li t1, 0x40007010
      sh t2, 6(t1)
      END
      BEGIN 0x65           # VS c.lwsp
      ENTER 1, 1
      mv s7, sp
      li sp, 0x40007000
      lw a0, 16(sp)
      END
      mv sp, s7
      BEGIN 0x66           # VS c.swsp
      ENTER 1, 1
      mv s7, sp
      li sp, 0x40007000
      sw a0, 20(sp)
      END
      mv sp, s7
      BEGIN 0x67           # VS amoadd.w
      ENTER 1, 1
      li a1, 0x40007000
      amoadd.w a0, a0, (a1)
      END
      BEGIN 0x68           # VS lr.w
      ENTER 1, 1
      li a1, 0x40007000
      lr.w a0, (a1)
      END
      BEGIN 0x69           # VS sc.w with a reservation
      ENTER 1, 1
      li a1, 0x40000000
      lr.w a2, (a1)
      li a1, 0x40004000
      lr.w a2, (a1)
      sc.w a0, a2, (a1)
      END
      BEGIN 0x6a           # VS misaligned lw whose second page has no G-stage mapping
      ENTER 1, 1
      li a1, 0x4000cffe
      lw a0, 0(a1)
      END
      BEGIN 0x6b           # VS misaligned sw whose second page has no G-stage mapping
      ENTER 1, 1
      li a1, 0x4000cffd
      sw a0, 0(a1)
      END
      BEGIN 0x6c           # VS misaligned lw whose second page is a user page (SUM = 0)
      ENTER 1, 1
      li a1, 0x40000fff
      lw a0, 0(a1)
      END
      BEGIN 0x70           # VS lw, implicit read fault
      ENTER 1, 1
      li a1, 0x40800010
      lw a0, 0(a1)
      END
      BEGIN 0x71           # VS sw, implicit read fault
      ENTER 1, 1
      li a1, 0x40800010
      sw a0, 0(a1)
      END
      BEGIN 0x72           # VS fetch, implicit read fault
      ENTER 1, 1
      li a1, 0x40800010
      jr a1
      END
      BEGIN 0x73           # VS fetch, G-stage invalid
      ENTER 1, 1
      li a1, 0x4000a010
      jr a1
      END
      BEGIN 0x74           # VS lw, implicit write (A update) fault
      ENTER 1, 1
      li a1, 0x40400010
      lw a0, 0(a1)
      END
      BEGIN 0x75           # the VS PTE after that
      li t0, 0x80032000
      lw a0, 0(t0)
      END
      BEGIN 0x76           # VS lw, G-stage execute-only page, mstatus.MXR
      li t0, 1 << 19
      csrs mstatus, t0
      ENTER 1, 1
      li a1, 0x40005000
      lw a0, 0(a1)
      END
      li t0, 1 << 19
      csrc mstatus, t0
      BEGIN 0x77           # VS lw, G-stage execute-only page, vsstatus.MXR
      li t0, 1 << 19
      csrs vsstatus, t0
      ENTER 1, 1
      li a1, 0x40005000
      lw a0, 0(a1)
      END
      li t0, 1 << 19
      csrc vsstatus, t0
      BEGIN 0x78           # VS lw, VS execute-only page, mstatus.MXR
      li t0, 1 << 19
      csrs mstatus, t0
      ENTER 1, 1
      li a1, 0x40002000
      lw a0, 0(a1)
      END
      li t0, 1 << 19
      csrc mstatus, t0
      BEGIN 0x79           # VS lw, VS page fault into M
      ENTER 1, 1
      li a1, 0x40009000
      lw a0, 0(a1)
      END
      li t0, (1 << 13) | (1 << 21)
      csrw medeleg, t0
      BEGIN 0x7a           # VS page fault into HS: htval = 0, htinst = transformed
      ENTER 1, 1
      li a1, 0x40009000
      lw a0, 0(a1)
      END
      csrw vsatp, zero
      BEGIN 0x7b           # VU guest-page fault into HS (vsatp Bare): SPVP = 0
      ENTER 0, 1
      li a1, 0x80407000
      lw a0, 4(a1)
      END
      VSATP_ON
      csrw medeleg, zero
      BEGIN 0x7c           # VS ecall into M
      ENTER 1, 1
      END
      BEGIN 0x7d           # VS illegal instruction into M
      ENTER 1, 1
      csrr a0, mstatus
      END
      BEGIN 0x7e           # VS misaligned amoadd.w
      ENTER 1, 1
      li a1, 0x40000002
      amoadd.w a0, a0, (a1)
      END
      csrw hgatp, zero
      csrw vsatp, zero
      BEGIN 0x7f           # VS load access fault (nothing at 0x100)
      ENTER 1, 1
      li a1, 0x00000100
      lw a0, 0(a1)
      END
      BEGIN 0x80           # VS c.sw access fault
      ENTER 1, 1
      li a1, 0x00000100
      c.sw a0, 4(a1)
      END
      BEGIN 0x81           # M-mode lw access fault (V=0)
      li a1, 0x00000100
      lw a0, 0(a1)
      END
`,
    qemu: `
00000060 M c=00000015 t=40007004 g=20101c01 i=00000000 h=000000c0 a=00000000
00000061 M c=00000015 t=40007008 g=20101c02 i=00000000 h=000000c0 a=00000000
00000062 M c=00000017 t=4000700c g=20101c03 i=00000000 h=000000c0 a=00000000
00000063 M c=00000015 t=4000700c g=20101c03 i=00000000 h=000000c0 a=00000000
00000064 M c=00000017 t=40007016 g=20101c05 i=00000000 h=000000c0 a=00000000
00000065 M c=00000015 t=40007010 g=20101c04 i=00000000 h=000000c0 a=00000000
00000066 M c=00000017 t=40007014 g=20101c05 i=00000000 h=000000c0 a=00000000
00000067 M c=00000015 t=40007000 g=20101c00 i=00000000 h=000000c0 a=00000000
00000068 M c=00000015 t=40007000 g=20101c00 i=00000000 h=000000c0 a=00000000
00000069 M c=00000017 t=40004000 g=20101000 i=00000000 h=000000c0 a=00000000
0000006a M c=00000015 t=4000d000 g=20101c00 i=00000000 h=000000c0 a=00000000
0000006b M c=00000017 t=4000d000 g=20101c00 i=00000000 h=000000c0 a=00000000
0000006c M c=0000000d t=40001000 g=00000000 i=00000000 h=000000c0 a=00000000
00000070 M c=00000015 t=40800010 g=20102400 i=00002000 h=000000c0 a=00000000
00000071 M c=00000015 t=40800010 g=20102400 i=00002000 h=000000c0 a=00000000
00000072 M c=00000015 t=40800010 g=20102400 i=00002000 h=000000c0 a=00000000
00000073 M c=00000014 t=4000a010 g=20101c04 i=00000000 h=000000c0 a=00000000
00000074 M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
00000075 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=20008047
00000076 M c=00000015 t=40005000 g=20101400 i=00000000 h=000000c0 a=00000000
00000077 M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00080025
00000078 M c=0000000d t=40002000 g=00000000 i=00000000 h=000000c0 a=00000000
00000079 M c=0000000d t=40009000 g=00000000 i=00000000 h=000000c0 a=00000000
0000007a S c=0000000d t=40009000 g=00000000 i=00000000 h=000001c0 a=00000000
0000007b S c=00000015 t=80407004 g=20101c01 i=00000000 h=000000c0 a=00000000
0000007c M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
0000007d M c=00000002 t=30002573 g=00000000 i=00000000 h=000000c0 a=00000000
0000007e M c=00000004 t=40000002 g=00000000 i=00000000 h=000000c0 a=00000000
0000007f M c=00000005 t=00000100 g=00000000 i=00000000 h=000000c0 a=00000000
00000080 M c=00000007 t=00000104 g=00000000 i=00000000 h=000000c0 a=00000000
00000081 M c=00000005 t=00000100 g=00000000 i=00000000 h=00000040 a=00000000
`,
    spec: {
      0x60: ['00000060 M c=00000015 t=40007004 g=20101c01 i=00002501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x61: ['00000061 M c=00000015 t=40007008 g=20101c02 i=00002501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x62: ['00000062 M c=00000017 t=4000700c g=20101c03 i=00a02021 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x63: ['00000063 M c=00000015 t=4000700c g=20101c03 i=00002303 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x64: ['00000064 M c=00000017 t=40007016 g=20101c05 i=00701023 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x65: ['00000065 M c=00000015 t=40007010 g=20101c04 i=00002501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x66: ['00000066 M c=00000017 t=40007014 g=20101c05 i=00a02021 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x67: ['00000067 M c=00000017 t=40007000 g=20101c00 i=00a0252f h=000000c0 a=00000000',
        "an AMO's guest-page fault is a store/AMO guest-page fault (23) (unpriv A: AMOs fault as stores); QEMU 7.2 raises load guest-page fault (21)"],
      0x68: ['00000068 M c=00000015 t=40007000 g=20101c00 i=1000252f h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x69: ['00000069 M c=00000017 t=40004000 g=20101000 i=18c0252f h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x6a: ['0000006a M c=00000015 t=4000d000 g=20101c00 i=00012501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x6b: ['0000006b M c=00000017 t=4000d000 g=20101c00 i=00a1a021 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x6c: ['0000006c M c=0000000d t=40001000 g=00000000 i=0000a501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x71: ['00000071 M c=00000017 t=40800010 g=20102400 i=00002000 h=000000c0 a=00000000',
        'a G-stage fault on a VS page-table read during a store is reported for the original access: store guest-page fault (23) (H: G-stage translation); QEMU 7.2 raises 21'],
      0x72: ['00000072 M c=00000014 t=40800010 g=20102400 i=00002000 h=000000c0 a=00000000',
        'the same during a fetch: instruction guest-page fault (20); QEMU 7.2 raises 21'],
      0x74: ['00000074 M c=00000015 t=40400010 g=20102000 i=00002020 h=000000c0 a=00000000',
        'setting A in a VS PTE whose page is G-stage read-only is a guest-page fault with htinst 0x2020 (H: pseudoinstructions); QEMU 7.2 writes the PTE'],
      0x75: ['00000075 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=20008007',
        'after that fault the VS PTE still has A clear; QEMU 7.2 set it through a read-only G-stage mapping'],
      0x76: ['00000076 M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00080025',
        'the HS-level MXR makes G-stage execute-only pages readable with V=1 (H: two-stage translation, MXR); QEMU 7.2 looks at vsstatus.MXR'],
      0x77: ['00000077 M c=00000015 t=40005000 g=20101400 i=00002501 h=000000c0 a=00000000',
        'vsstatus.MXR does not override G-stage permissions (H: two-stage translation, MXR); QEMU 7.2 applies it'],
      0x78: ['00000078 M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00080022',
        'the HS-level MXR makes VS-stage execute-only pages readable with V=1 (H: two-stage translation, MXR); QEMU 7.2 looks at vsstatus.MXR only'],
      0x79: ['00000079 M c=0000000d t=40009000 g=00000000 i=00002501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x7a: ['0000007a S c=0000000d t=40009000 g=00000000 i=00002501 h=000001c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x7b: ['0000007b S c=00000015 t=80407004 g=20101c01 i=00002501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x7c: ['0000007c M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x7d: ['0000007d M c=00000002 t=30002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x7e: ['0000007e M c=00000006 t=40000002 g=00000000 i=00a0252f h=000000c0 a=00000000',
        'a misaligned AMO is a store/AMO misaligned exception (6) (unpriv A); QEMU 7.2 raises load misaligned (4)'],
      0x7f: ['0000007f M c=00000005 t=00000100 g=00000000 i=00002501 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x80: ['00000080 M c=00000007 t=00000104 g=00000000 i=00a02021 h=000000c0 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x81: ['00000081 M c=00000005 t=00000100 g=00000000 i=00002501 h=00000000 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0 | mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
    },
  },
  {
    name: 'virtual-instruction and illegal-instruction cases with V=1',
    body: String.raw`
.macro VCASE id, mpp, insn:vararg
      BEGIN \id
      ENTER \mpp, 1
      \insn
      END
.endm
probes:
      csrw hgatp, zero
      csrw vsatp, zero
      li t0, -1
      csrw mcounteren, t0
      csrw hcounteren, zero
      csrw scounteren, zero
      VCASE 0x90, 1, csrr a0, hstatus
      VCASE 0x91, 0, csrr a0, hstatus
      VCASE 0x92, 1, csrr a0, vsstatus
      VCASE 0x93, 1, csrw hgeip, a0
      VCASE 0x94, 1, csrr a0, hgeip
      VCASE 0x95, 1, csrr a0, htimedeltah
      VCASE 0x96, 0, csrr a0, sstatus
      VCASE 0x97, 0, csrr a0, satp
      VCASE 0x98, 0, csrr a0, senvcfg
      VCASE 0x99, 0, csrr a0, scounteren
      VCASE 0x9a, 1, csrr a0, scounteren
      VCASE 0x9b, 1, csrr a0, senvcfg
      VCASE 0x9c, 1, csrr a0, mstatus
      VCASE 0x9d, 0, csrr a0, mstatus
      VCASE 0x9e, 1, csrr a1, cycle
      VCASE 0x9f, 1, csrr a1, cycleh
      VCASE 0xa0, 1, csrr a1, hpmcounter3
      VCASE 0xa1, 1, csrw cycle, a0
      VCASE 0xa2, 1, mret
      VCASE 0xa3, 0, mret
      VCASE 0xa4, 0, sret
      VCASE 0xa5, 0, wfi
      VCASE 0xa6, 0, sfence.vma
      VCASE 0xa7, 0, hfence.vvma
      VCASE 0xa8, 1, hfence.gvma
      VCASE 0xa9, 1, csrr a0, mtinst
      VCASE 0xaa, 1, csrr a0, sip
      VCASE 0xab, 1, csrr a0, hvip
      VCASE 0xac, 1, csrr a0, mhpmcounter3
      li s6, 0x7
      csrw hcounteren, s6
      VCASE 0xad, 1, csrr a1, time
      VCASE 0xae, 0, csrr a1, time
      VCASE 0xaf, 0, csrr a1, timeh
      li s6, 0x7
      csrw scounteren, s6
      VCASE 0xb0, 0, csrr a1, instret
      csrw mcounteren, zero
      VCASE 0xb1, 1, csrr a1, cycle
      VCASE 0xb2, 0, csrr a1, cycle
      li s6, -1
      csrw mcounteren, s6
      li s6, 1 << 21       # TW
      csrs mstatus, s6
      VCASE 0xb3, 0, wfi
      VCASE 0xb4, 1, wfi
      csrc mstatus, s6
      li s6, (1 << 20) | (1 << 21) | (1 << 22)   # VTVM VTW VTSR
      csrs hstatus, s6
      VCASE 0xb5, 1, wfi
      VCASE 0xb6, 1, sret
      VCASE 0xb7, 1, sfence.vma
      VCASE 0xb8, 1, csrr a0, satp
      VCASE 0xb9, 1, csrw satp, zero
      VCASE 0xba, 1, hfence.vvma
      csrc hstatus, s6
      li s6, (1 << 20) | (1 << 22)   # TVM TSR
      csrs mstatus, s6
      VCASE 0xbb, 1, csrr a0, satp
      VCASE 0xbc, 1, sfence.vma
      VCASE 0xbd, 1, csrr a0, hgatp
      BEGIN 0xbe           # VS sret with mstatus.TSR: returns to vsepc in VU
      la t1, 1f
      csrw vsepc, t1
      li t1, 0x100
      csrc vsstatus, t1    # SPP = U
      ENTER 1, 1
      sret
1:    ecall
99:
      csrc mstatus, s6
      VCASE 0xbf, 1, csrw vsatp, zero
      VCASE 0xc0, 1, csrr a0, 0x5a8
      VCASE 0xc1, 0, csrr a0, sscratch
      VCASE 0xc2, 1, csrr a0, hie
      VCASE 0xc3, 1, csrrs a0, hgeip, zero
      VCASE 0xc4, 1, csrr a0, stimecmp
      VCASE 0xc5, 1, csrr a0, hedeleg
      VCASE 0xc6, 1, hlv.w a0, (a1)
      VCASE 0xc7, 0, hsv.w a0, (a1)
      VCASE 0xc8, 1, hlvx.hu a0, (a1)
      VCASE 0xc9, 0, csrw vsscratch, a0
`,
    qemu: `
00000090 M c=00000016 t=60002573 g=00000000 i=00000000 h=000000c0 a=00000000
00000091 M c=00000016 t=60002573 g=00000000 i=00000000 h=000000c0 a=00000000
00000092 M c=00000016 t=20002573 g=00000000 i=00000000 h=000000c0 a=00000000
00000093 M c=00000002 t=e1251073 g=00000000 i=00000000 h=000000c0 a=00000000
00000094 M c=00000016 t=e1202573 g=00000000 i=00000000 h=000000c0 a=00000000
00000095 M c=00000016 t=61502573 g=00000000 i=00000000 h=000000c0 a=00000000
00000096 M c=00000002 t=10002573 g=00000000 i=00000000 h=000000c0 a=00000000
00000097 M c=00000002 t=18002573 g=00000000 i=00000000 h=000000c0 a=00000000
00000098 M c=00000002 t=10a02573 g=00000000 i=00000000 h=000000c0 a=00000000
00000099 M c=00000002 t=10602573 g=00000000 i=00000000 h=000000c0 a=00000000
0000009a M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
0000009b M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
0000009c M c=00000002 t=30002573 g=00000000 i=00000000 h=000000c0 a=00000000
0000009d M c=00000002 t=30002573 g=00000000 i=00000000 h=000000c0 a=00000000
0000009e M c=00000016 t=c00025f3 g=00000000 i=00000000 h=000000c0 a=00000000
0000009f M c=00000016 t=c80025f3 g=00000000 i=00000000 h=000000c0 a=00000000
000000a0 M c=00000016 t=c03025f3 g=00000000 i=00000000 h=000000c0 a=00000000
000000a1 M c=00000002 t=c0051073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a2 M c=00000002 t=30200073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a3 M c=00000002 t=30200073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a4 M c=00000002 t=10200073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a5 M c=00000016 t=10500073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a6 M c=00000002 t=12000073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a7 M c=00000002 t=22000073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a8 M c=00000016 t=62000073 g=00000000 i=00000000 h=000000c0 a=00000000
000000a9 M c=00000002 t=34a02573 g=00000000 i=00000000 h=000000c0 a=00000000
000000aa M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
000000ab M c=00000016 t=64502573 g=00000000 i=00000000 h=000000c0 a=00000000
000000ac M c=00000002 t=b0302573 g=00000000 i=00000000 h=000000c0 a=00000000
000000ad M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
000000ae M c=00000016 t=c01025f3 g=00000000 i=00000000 h=000000c0 a=00000000
000000af M c=00000016 t=c81025f3 g=00000000 i=00000000 h=000000c0 a=00000000
000000b0 M c=00000008 t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
000000b1 M c=00000002 t=c00025f3 g=00000000 i=00000000 h=000000c0 a=00000000
000000b2 M c=00000002 t=c00025f3 g=00000000 i=00000000 h=000000c0 a=00000000
000000b3 M c=00000016 t=10500073 g=00000000 i=00000000 h=000000c0 a=00000000
000000b4 M c=00000002 t=10500073 g=00000000 i=00000000 h=000000c0 a=00000000
000000b5 M c=00000016 t=10500073 g=00000000 i=00000000 h=000000c0 a=00000000
000000b6 M c=00000016 t=10200073 g=00000000 i=00000000 h=000000c0 a=00000000
000000b7 M c=00000016 t=12000073 g=00000000 i=00000000 h=000000c0 a=00000000
000000b8 M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
000000b9 M c=0000000a t=00000000 g=00000000 i=00000000 h=000000c0 a=00000000
000000ba M c=00000016 t=22000073 g=00000000 i=00000000 h=000000c0 a=00000000
000000bb M c=00000002 t=18002573 g=00000000 i=00000000 h=000000c0 a=00000000
000000bc M c=00000002 t=12000073 g=00000000 i=00000000 h=000000c0 a=00000000
000000bd M c=00000016 t=68002573 g=00000000 i=00000000 h=000000c0 a=00000000
000000be M c=00000002 t=10200073 g=00000000 i=00000000 h=000000c0 a=00000000
000000bf M c=00000016 t=28001073 g=00000000 i=00000000 h=000000c0 a=00000000
000000c0 M c=00000002 t=5a802573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c1 M c=00000002 t=14002573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c2 M c=00000016 t=60402573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c3 M c=00000016 t=e1202573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c4 M c=00000002 t=14d02573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c5 M c=00000016 t=60202573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c6 M c=00000016 t=60202573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c7 M c=00000016 t=60202573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c8 M c=00000016 t=60202573 g=00000000 i=00000000 h=000000c0 a=00000000
000000c9 M c=00000016 t=24051073 g=00000000 i=00000000 h=000000c0 a=00000000
`,
    spec: {
      0x90: ['00000090 M c=00000016 t=60002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x91: ['00000091 M c=00000016 t=60002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x92: ['00000092 M c=00000016 t=20002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x93: ['00000093 M c=00000002 t=e1251073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x94: ['00000094 M c=00000016 t=e1202573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x95: ['00000095 M c=00000016 t=61502573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x96: ['00000096 M c=00000016 t=10002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode access to an S CSR HS could access is a virtual-instruction exception (H: virtual instruction list); QEMU 7.2 raises illegal'],
      0x97: ['00000097 M c=00000016 t=18002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode satp access is a virtual-instruction exception; QEMU 7.2 raises illegal'],
      0x98: ['00000098 M c=00000016 t=10a02573 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode senvcfg access is a virtual-instruction exception; QEMU 7.2 raises illegal'],
      0x99: ['00000099 M c=00000016 t=10602573 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode scounteren access is a virtual-instruction exception; QEMU 7.2 raises illegal'],
      0x9a: ['0000009a M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x9b: ['0000009b M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x9c: ['0000009c M c=00000002 t=30002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x9d: ['0000009d M c=00000002 t=30002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x9e: ['0000009e M c=00000016 t=c00025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x9f: ['0000009f M c=00000016 t=c80025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa0: ['000000a0 M c=00000016 t=c03025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa1: ['000000a1 M c=00000002 t=c0051073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa2: ['000000a2 M c=00000002 t=30200073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa3: ['000000a3 M c=00000002 t=30200073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa4: ['000000a4 M c=00000016 t=10200073 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode sret is a virtual-instruction exception (H: virtual instruction list); QEMU 7.2 raises illegal'],
      0xa5: ['000000a5 M c=00000016 t=10500073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa6: ['000000a6 M c=00000016 t=12000073 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode sfence.vma is a virtual-instruction exception; QEMU 7.2 raises illegal'],
      0xa7: ['000000a7 M c=00000016 t=22000073 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode hfence.vvma is a virtual-instruction exception (H: hypervisor fences); QEMU 7.2 raises illegal'],
      0xa8: ['000000a8 M c=00000016 t=62000073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xa9: ['000000a9 M c=00000002 t=34a02573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xaa: ['000000aa M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xab: ['000000ab M c=00000016 t=64502573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xac: ['000000ac M c=00000002 t=b0302573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xad: ['000000ad M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xae: ['000000ae M c=00000016 t=c01025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xaf: ['000000af M c=00000016 t=c81025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb0: ['000000b0 M c=00000008 t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb1: ['000000b1 M c=00000002 t=c00025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb2: ['000000b2 M c=00000002 t=c00025f3 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb3: ['000000b3 M c=00000002 t=10500073 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode wfi with mstatus.TW = 1 is illegal (virtual only when TW = 0); QEMU 7.2 raises virtual instruction'],
      0xb4: ['000000b4 M c=00000002 t=10500073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb5: ['000000b5 M c=00000016 t=10500073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb6: ['000000b6 M c=00000016 t=10200073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb7: ['000000b7 M c=00000016 t=12000073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xb8: ['000000b8 M c=00000016 t=18002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'hstatus.VTVM makes VS-mode satp access a virtual-instruction exception (H: hstatus); QEMU 7.2 allows it'],
      0xb9: ['000000b9 M c=00000016 t=18001073 g=00000000 i=00000000 h=00000080 a=00000000',
        'the same for a satp write; QEMU 7.2 allows it'],
      0xba: ['000000ba M c=00000016 t=22000073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xbb: ['000000bb M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatus.TVM does not affect VS-mode satp access (H: mstatus TSR/TVM affect HS only); QEMU 7.2 raises illegal'],
      0xbc: ['000000bc M c=0000000a t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatus.TVM does not affect VS-mode sfence.vma; QEMU 7.2 raises illegal'],
      0xbd: ['000000bd M c=00000016 t=68002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xbe: ['000000be M c=00000008 t=00000000 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatus.TSR does not affect VS-mode sret: it returns to VU; QEMU 7.2 raises illegal'],
      0xbf: ['000000bf M c=00000016 t=28001073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xc0: ['000000c0 M c=00000002 t=5a802573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xc1: ['000000c1 M c=00000016 t=14002573 g=00000000 i=00000000 h=00000080 a=00000000',
        'VU-mode sscratch access is a virtual-instruction exception; QEMU 7.2 raises illegal'],
      0xc2: ['000000c2 M c=00000016 t=60402573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xc3: ['000000c3 M c=00000016 t=e1202573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xc4: ['000000c4 M c=00000002 t=14d02573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xc5: ['000000c5 M c=00000016 t=60202573 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0xc6: ['000000c6 M c=00000016 t=6805c573 g=00000000 i=00000000 h=00000080 a=00000000',
        'a virtual-instruction trap writes the instruction bits to mtval (H: same as illegal instruction); QEMU 7.2 leaves a stale value (compat does not copy it)'],
      0xc7: ['000000c7 M c=00000016 t=6aa5c073 g=00000000 i=00000000 h=00000080 a=00000000',
        'as 0xc6 for hsv.w'],
      0xc8: ['000000c8 M c=00000016 t=6435c573 g=00000000 i=00000000 h=00000080 a=00000000',
        'as 0xc6 for hlvx.hu'],
      0xc9: ['000000c9 M c=00000016 t=24051073 g=00000000 i=00000000 h=00000080 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
    },
    compatOwn: {
      0xc6: '000000c6 M c=00000016 t=6805c573 g=00000000 i=00000000 h=000000c0 a=00000000',
      0xc7: '000000c7 M c=00000016 t=6aa5c073 g=00000000 i=00000000 h=000000c0 a=00000000',
      0xc8: '000000c8 M c=00000016 t=6435c573 g=00000000 i=00000000 h=000000c0 a=00000000',
    },
  },
];

describeProbes('hypervisor traps (probes on QEMU 7.2 and Hyperstep)', PROGRAMS);
