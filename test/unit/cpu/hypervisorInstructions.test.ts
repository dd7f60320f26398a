import { describeProbes, ProbeProgram } from './hypervisorProbe';

/**
 * Conformance of the virtual-machine loads and stores (HLV, HLVX, HSV) and of the hypervisor
 * fences' privilege rules (priv spec, H chapter, "Hypervisor Instructions"), and of M-mode MPRV
 * accesses made through the two stages.
 *
 * Each program runs on QEMU 7.2 (its transcript below is what QEMU printed, and the first test
 * of each program checks QEMU still prints it), on Hyperstep with `compat: 'qemu-7.2'` (QEMU's
 * transcript, but for `compatOwn`), and on the default machine, which prints the spec's
 * lines where they differ; each such line has its own test naming the clause. The probe harness
 * and the page tables are described in hypervisorProbe.ts.
 */
const PROGRAMS: ProbeProgram[] = [
  {
    name: 'HLV/HLVX/HSV permissions and faults',
    body: String.raw`
probes:
      HGATP_ON
      VSATP_ON
      li t0, 0x100
      csrs hstatus, t0     # SPVP = 1
      BEGIN 0x01           # M-mode hlv.w through both stages
      li a1, 0x40000000
      hlv.w a0, (a1)
      END
      BEGIN 0x02           # G-stage invalid: load guest-page fault into M
      li a1, 0x40007004
      hlv.w a0, (a1)
      END
      BEGIN 0x03           # ... delegated to HS
      li t0, 1 << 21
      csrw medeleg, t0
      ENTER 1, 0
      li a1, 0x40007008
      hlv.w a0, (a1)
      END
      csrw medeleg, zero
      BEGIN 0x10           # hsv.w to a G-stage read-only page
      li a1, 0x40004000
      hsv.w a0, (a1)
      END
      BEGIN 0x11           # hlv.w from a G-stage page without U
      li a1, 0x40006000
      hlv.w a0, (a1)
      END
      BEGIN 0x12           # hlv.w from a G-stage execute-only page
      li a1, 0x40005000
      hlv.w a0, (a1)
      END
      BEGIN 0x13           # ... with mstatus.MXR
      li t0, 1 << 19
      csrs mstatus, t0
      li a1, 0x40005000
      hlv.w a0, (a1)
      END
      li t0, 1 << 19
      csrc mstatus, t0
      BEGIN 0x14           # hlvx.wu from a G-stage execute-only page
      li a1, 0x40005000
      hlvx.wu a0, (a1)
      END
      BEGIN 0x15           # hlvx.wu from a VS execute-only page
      li a1, 0x40002000
      hlvx.wu a0, (a1)
      END
      BEGIN 0x16           # hlv.w from a VS execute-only page
      li a1, 0x40002000
      hlv.w a0, (a1)
      END
      BEGIN 0x17           # ... with vsstatus.MXR
      li t0, 1 << 19
      csrs vsstatus, t0
      li a1, 0x40002000
      hlv.w a0, (a1)
      END
      li t0, 1 << 19
      csrc vsstatus, t0
      BEGIN 0x18           # hlvx.hu from a VS read-only page
      li a1, 0x40003000
      hlvx.hu a0, (a1)
      END
      BEGIN 0x1a           # hlv.w from a VS read-only page
      li a1, 0x40003000
      hlv.w a0, (a1)
      END
      BEGIN 0x1b           # hsv.w to a VS read-only page
      li a1, 0x40003000
      hsv.w a0, (a1)
      END
      li t0, 0x100
      csrc hstatus, t0     # SPVP = 0: as VU
      BEGIN 0x20           # supervisor page
      li a1, 0x40000000
      hlv.w a0, (a1)
      END
      BEGIN 0x21           # user page
      li a1, 0x40001000
      hlv.w a0, (a1)
      END
      BEGIN 0x22           # hlvx.wu from a user execute-only page
      li a1, 0x40009000
      hlvx.wu a0, (a1)
      END
      li t0, 0x100
      csrs hstatus, t0     # SPVP = 1: as VS
      BEGIN 0x23           # user page with vsstatus.SUM = 0 (mstatus.SUM = 1 does not count)
      li t0, 1 << 18
      csrs mstatus, t0
      li a1, 0x40001000
      hlv.w a0, (a1)
      END
      li t0, 1 << 18
      csrc mstatus, t0
      BEGIN 0x24           # user page with vsstatus.SUM = 1
      li t0, 1 << 18
      csrs vsstatus, t0
      li a1, 0x40001000
      hlv.w a0, (a1)
      END
      li t0, 1 << 18
      csrc vsstatus, t0
      BEGIN 0x30           # implicit read fault: VS L0 table at a GPA the G stage lacks
      li a1, 0x40800010
      hlv.w a0, (a1)
      END
      BEGIN 0x31           # implicit write: A update of a PTE in a G-stage read-only page
      li a1, 0x40400010
      hlv.w a0, (a1)
      END
      BEGIN 0x32           # ... by hsv.w
      li a1, 0x40400010
      hsv.w a0, (a1)
      END
      li t0, (1 << 21) | (1 << 23) | (1 << 20)
      csrw medeleg, t0
      BEGIN 0x33           # implicit read fault into HS
      ENTER 1, 0
      li a1, 0x40800010
      hlv.w a0, (a1)
      END
      BEGIN 0x34           # implicit write fault into HS
      ENTER 1, 0
      li a1, 0x40400010
      hsv.w a0, (a1)
      END
      csrw medeleg, zero
      BEGIN 0x35           # misaligned hlv.w inside a page
      li a1, 0x40000002
      hlv.w a0, (a1)
      END
      BEGIN 0x36           # misaligned hlv.w into a user page (SUM = 0): faults on the second page
      li a1, 0x40000ffe
      hlv.w a0, (a1)
      END
      BEGIN 0x37           # misaligned hsv.w starting on a G-stage page without U
      li a1, 0x40006ffe
      hsv.w a0, (a1)
      END
      BEGIN 0x38           # misaligned hlv.hu
      li a1, 0x40000001
      hlv.hu a0, (a1)
      END
      BEGIN 0x39           # sign and zero extension
      li t0, 0x80020000
      li t1, 0x80
      sb t1, 0x10(t0)
      li a1, 0x40000010
      hlv.b a0, (a1)
      END
      BEGIN 0x3a
      li a1, 0x40000010
      hlv.bu a0, (a1)
      END
      BEGIN 0x3b
      li t0, 0x80020000
      li t1, 0x8123
      sh t1, 0x10(t0)
      li a1, 0x40000010
      hlv.h a0, (a1)
      END
      BEGIN 0x3c
      li a1, 0x40000010
      hlv.hu a0, (a1)
      END
      BEGIN 0x3d           # hsv.b and a misaligned hsv.h
      li a1, 0x40000010
      li a0, 0x55aa
      hsv.b a0, (a1)
      li a1, 0x40000011
      hsv.h a0, (a1)
      li t0, 0x80020000
      lw a0, 0x10(t0)
      END
`,
    qemu: `
00000001 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080020
00000002 M c=00000015 t=40007004 g=20101c01 i=00000000 h=00000040 a=00000000
00000003 S c=00000015 t=40007008 g=20101c02 i=00000000 h=00000140 a=00000000
00000010 M c=00000017 t=40004000 g=20101000 i=00000000 h=00000040 a=00000000
00000011 M c=00000015 t=40006000 g=20101800 i=00000000 h=00000040 a=00000000
00000012 M c=00000015 t=40005000 g=20101400 i=00000000 h=00000040 a=00000000
00000013 M c=00000015 t=40005000 g=20101400 i=00000000 h=00000040 a=00000000
00000014 M c=00000015 t=40005000 g=20101400 i=00000000 h=00000040 a=00000000
00000015 M c=00000005 t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
00000016 M c=00000005 t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
00000017 M c=00000005 t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
00000018 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000023
0000001a M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080023
0000001b M c=00000007 t=40003000 g=00000000 i=00000000 h=00000040 a=00000000
00000020 M c=00000005 t=40000000 g=00000000 i=00000000 h=00000040 a=00000000
00000021 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080021
00000022 M c=00000005 t=40009000 g=00000000 i=00000000 h=00000040 a=00000000
00000023 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080021
00000024 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080021
00000030 M c=00000015 t=40800010 g=20102400 i=00002000 h=00000040 a=00000000
00000031 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000000
00000032 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000000
00000033 S c=00000015 t=40800010 g=20102400 i=00002000 h=00000140 a=00000000
00000034 M c=00000009 t=00000000 g=00000000 i=00000000 h=00000040 a=00000000
00000035 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000008
00000036 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00210000
00000037 M c=00000017 t=40006ffe g=20101bff i=00000000 h=00000040 a=00000000
00000038 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000800
00000039 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=ffffff80
0000003a M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000080
0000003b M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=ffff8123
0000003c M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00008123
0000003d M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=0055aaaa
`,
    spec: {
      0x02: ['00000002 M c=00000015 t=40007004 g=20101c01 i=68004573 h=00000040 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x03: ['00000003 S c=00000015 t=40007008 g=20101c02 i=68004573 h=00000140 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x10: ['00000010 M c=00000017 t=40004000 g=20101000 i=6aa04073 h=00000040 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x11: ['00000011 M c=00000015 t=40006000 g=20101800 i=68004573 h=00000040 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x12: ['00000012 M c=00000015 t=40005000 g=20101400 i=68004573 h=00000040 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x13: ['00000013 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080025',
        'HS-level MXR makes execute-only G-stage pages readable for HLV (H: virtual-machine loads); QEMU 7.2 ignores it at the G stage'],
      0x14: ['00000014 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080025',
        'HLVX needs execute, not read, permission in both stages (H: HLVX); QEMU 7.2 checks read'],
      0x15: ['00000015 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080022',
        'HLVX reads a VS execute-only page (H: HLVX); QEMU 7.2 checks read'],
      0x16: ['00000016 M c=0000000d t=40002000 g=00000000 i=68004573 h=00000040 a=00000000',
        'a VS-stage permission failure of HLV is a page fault (13); QEMU 7.2 raises an access fault (5) while the HS satp is Bare'],
      0x17: ['00000017 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080022',
        "vsstatus.MXR applies to HLV's VS stage (H: virtual-machine loads, as though V=1); QEMU 7.2 ignores it there"],
      0x18: ['00000018 M c=0000000d t=40003000 g=00000000 i=64304573 h=00000040 a=00000000',
        'HLVX from a VS read-only page without X is a load page fault (H: HLVX); QEMU 7.2 checks read'],
      0x1a: ['0000001a M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080023',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x1b: ['0000001b M c=0000000f t=40003000 g=00000000 i=6aa04073 h=00000040 a=00000000',
        'HSV to a VS read-only page is a store page fault (15); QEMU 7.2 raises a store access fault (7) while the HS satp is Bare'],
      0x20: ['00000020 M c=0000000d t=40000000 g=00000000 i=68004573 h=00000040 a=00000000',
        'HLV as VU (SPVP=0) to a supervisor page is a load page fault; QEMU 7.2 raises an access fault while the HS satp is Bare'],
      0x21: ['00000021 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080021',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x22: ['00000022 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080029',
        'HLVX as VU reads a user execute-only page (H: HLVX); QEMU 7.2 checks read'],
      0x23: ['00000023 M c=0000000d t=40001000 g=00000000 i=68004573 h=00000040 a=00000000',
        'HLV as VS honours vsstatus.SUM = 0, not the HS-level SUM (H: virtual-machine loads); QEMU 7.2 acts as if SUM = 1'],
      0x24: ['00000024 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080021',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x31: ['00000031 M c=00000015 t=40400010 g=20102000 i=00002020 h=00000040 a=00000000',
        'setting A in a VS PTE is an implicit store checked by the G stage: a G-stage read-only page table gives a guest-page fault with htinst 0x2020 (H: G-stage translation, pseudoinstructions); QEMU 7.2 writes the PTE anyway'],
      0x32: ['00000032 M c=00000017 t=40400010 g=20102000 i=00002020 h=00000040 a=00000000',
        'as 0x31 for HSV: store guest-page fault (23) with the 0x2020 pseudo-instruction; QEMU 7.2 writes the PTE anyway'],
      0x34: ['00000034 S c=00000017 t=40400010 g=20102000 i=00002020 h=00000140 a=00000000',
        'as 0x32, taken in HS: htval = PTE gpa >> 2, htinst 0x2020, GVA = 1; QEMU 7.2 writes the PTE anyway'],
      0x35: ['00000035 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00000008',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x36: ['00000036 M c=0000000d t=40001000 g=00000000 i=68014573 h=00000040 a=00000000',
        'a misaligned HLV whose second page is a user page faults as VS with SUM = 0 at the page boundary, Addr. Offset 2 in htinst; QEMU 7.2 acts as if SUM = 1'],
      0x37: ['00000037 M c=00000017 t=40006ffe g=20101bff i=6aa04073 h=00000040 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x38: ['00000038 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00000800',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x39: ['00000039 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=ffffff80',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x3a: ['0000003a M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00000080',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x3b: ['0000003b M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=ffff8123',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x3c: ['0000003c M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00008123',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x3d: ['0000003d M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=0055aaaa',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
    },
  },
  {
    name: 'MXR, SUM and satp for HLV and MPRV; HU and the fences',
    body: String.raw`
probes:
      HGATP_ON
      VSATP_ON
      li t0, 0x100
      csrs hstatus, t0     # SPVP = 1
      li t0, 0x80000000 | (VSROOT >> 12)
      csrw satp, t0        # HS satp not Bare (QEMU reports VS-stage faults as page faults then)
      BEGIN 0x40           # hlv.w, VS execute-only page, mstatus.MXR
      li t0, 1 << 19
      csrs mstatus, t0
      li a1, 0x40002000
      hlv.w a0, (a1)
      END
      li t0, 1 << 19
      csrc mstatus, t0
      BEGIN 0x41           # hlv.w, G execute-only page, vsstatus.MXR
      li t0, 1 << 19
      csrs vsstatus, t0
      li a1, 0x40005000
      hlv.w a0, (a1)
      END
      BEGIN 0x42           # hlv.w, VS execute-only page, vsstatus.MXR
      li a1, 0x40002000
      hlv.w a0, (a1)
      END
      li t0, 1 << 19
      csrc vsstatus, t0
      BEGIN 0x43           # hlv.w, user page, vsstatus.SUM = 0
      li a1, 0x40001000
      hlv.w a0, (a1)
      END
      BEGIN 0x44           # MPRV+MPV (MPP = S), mstatus.MXR, VS execute-only page
      li t0, (1 << 17) | (1 << 11) | (1 << 19)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40002000
      lw a0, 0(a1)
      END
      li t0, (1 << 17) | (1 << 19)
      csrc mstatus, t0
      BEGIN 0x45           # MPRV+MPV, mstatus.MXR, G execute-only page
      li t0, (1 << 17) | (1 << 11) | (1 << 19)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40005000
      lw a0, 0(a1)
      END
      li t0, (1 << 17) | (1 << 19)
      csrc mstatus, t0
      li t0, 1 << 19
      csrs vsstatus, t0
      BEGIN 0x46           # MPRV+MPV, vsstatus.MXR, VS execute-only page
      li t0, (1 << 17) | (1 << 11)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40002000
      lw a0, 0(a1)
      END
      li t0, (1 << 17)
      csrc mstatus, t0
      BEGIN 0x47           # MPRV+MPV, vsstatus.MXR, G execute-only page
      li t0, (1 << 17) | (1 << 11)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40005000
      lw a0, 0(a1)
      END
      li t0, (1 << 17)
      csrc mstatus, t0
      li t0, 1 << 19
      csrc vsstatus, t0
      BEGIN 0x48           # MPRV+MPV as VS, user page, vsstatus.SUM = 0
      li t0, (1 << 17) | (1 << 11)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40001000
      lw a0, 0(a1)
      END
      li t0, (1 << 17)
      csrc mstatus, t0
      BEGIN 0x49           # MPRV+MPV, G-stage invalid
      li t0, (1 << 17) | (1 << 11)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40007000
      lw a0, 0(a1)
      END
      li t0, (1 << 17)
      csrc mstatus, t0
      csrw satp, zero      # HS satp Bare again
      BEGIN 0x4a           # hlv.w, VS execute-only page
      li a1, 0x40002000
      hlv.w a0, (a1)
      END
      BEGIN 0x4b           # MPRV+MPV, VS execute-only page
      li t0, (1 << 17) | (1 << 11)
      csrs mstatus, t0
      li t0, 0x80
      csrs mstatush, t0
      li a1, 0x40002000
      lw a0, 0(a1)
      END
      li t0, (1 << 17)
      csrc mstatus, t0
      # HU, and the fences' privilege rules
      BEGIN 0x50           # U-mode hlv.w with hstatus.HU = 1
      li t0, 0x200
      csrs hstatus, t0
      ENTER 0, 0
      li a1, 0x40000000
      hlv.w a0, (a1)
      END
      li t0, 1 << 21
      csrw medeleg, t0
      BEGIN 0x51           # ... its guest-page fault into HS: SPV = 0, GVA = 1
      ENTER 0, 0
      li a1, 0x40007000
      hlv.w a0, (a1)
      END
      csrw medeleg, zero
      li t0, 0x200
      csrc hstatus, t0
      BEGIN 0x52           # U-mode hfence.vvma
      ENTER 0, 0
      hfence.vvma
      END
      BEGIN 0x53           # U-mode hfence.gvma
      ENTER 0, 0
      hfence.gvma
      END
      li t0, 1 << 20
      csrs mstatus, t0     # TVM
      BEGIN 0x54           # HS hfence.gvma with TVM
      ENTER 1, 0
      hfence.gvma
      END
      BEGIN 0x55           # HS hfence.vvma with TVM
      ENTER 1, 0
      hfence.vvma a0, a1
      END
      BEGIN 0x56           # M hfence.gvma with TVM
      hfence.gvma a0, a1
      END
      li t0, 1 << 20
      csrc mstatus, t0
      BEGIN 0x57           # HS hfence.gvma without TVM
      ENTER 1, 0
      hfence.gvma
      END
      BEGIN 0x58           # U-mode hlv.w with hstatus.HU = 0 (QEMU's tval is stale: not printed)
      ENTER 0, 0
      li a1, 0x40000000
      hlv.w a0, (a1)
      END
`,
    qemu: `
00000040 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080022
00000041 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080025
00000042 M c=0000000d t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
00000043 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080021
00000044 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080022
00000045 M c=0000000d t=40005000 g=20101400 i=00000000 h=00000040 a=00000000
00000046 M c=0000000d t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
00000047 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080025
00000048 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00080021
00000049 M c=0000000d t=40007000 g=20101c00 i=00000000 h=00000040 a=00000000
0000004a M c=00000005 t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
0000004b M c=00000005 t=40002000 g=00000000 i=00000000 h=00000040 a=00000000
00000050 M c=00000008 t=00000000 g=00000000 i=00000000 h=00000040 a=00080020
00000051 S c=00000015 t=40007000 g=20101c00 i=00000000 h=00000140 a=00000000
00000052 M c=00000002 t=22000073 g=00000000 i=00000000 h=00000040 a=00000000
00000053 M c=00000002 t=62000073 g=00000000 i=00000000 h=00000040 a=00000000
00000054 M c=00000002 t=62000073 g=00000000 i=00000000 h=00000040 a=00000000
00000055 M c=00000009 t=00000000 g=00000000 i=00000000 h=00000040 a=00000000
00000056 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000040 a=00000000
00000057 M c=00000009 t=00000000 g=00000000 i=00000000 h=00000040 a=00000000
00000058 M c=00000002 t=62000073 g=00000000 i=00000000 h=00000040 a=00000000
`,
    spec: {
      0x41: ['00000041 M c=00000015 t=40005000 g=20101400 i=68004573 h=00000040 a=00000000',
        'vsstatus.MXR does not make G-stage execute-only pages readable (H: two-stage translation, MXR); QEMU 7.2 applies it to the G stage'],
      0x42: ['00000042 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080022',
        'vsstatus.MXR makes a VS execute-only page readable for HLV (H: virtual-machine loads); QEMU 7.2 ignores it with V=0'],
      0x43: ['00000043 M c=0000000d t=40001000 g=00000000 i=68004573 h=00000040 a=00000000',
        'HLV as VS honours vsstatus.SUM = 0 (H: virtual-machine loads); QEMU 7.2 acts as if SUM = 1'],
      0x44: ['00000044 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080022',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x45: ['00000045 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080025',
        'MPRV with MPV: the HS-level MXR makes any executable page readable, G stage included (H: table of MPRV effects); QEMU 7.2 ignores it at the G stage'],
      0x46: ['00000046 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00080022',
        'MPRV with MPV: vsstatus.MXR makes VS execute-only pages readable (H: table of MPRV effects); QEMU 7.2 ignores it with V=0'],
      0x47: ['00000047 M c=00000015 t=40005000 g=20101400 i=00002501 h=00000040 a=00000000',
        'MPRV with MPV: vsstatus.MXR does not apply to the G stage (H: table of MPRV effects); QEMU 7.2 applies it'],
      0x48: ['00000048 M c=0000000d t=40001000 g=00000000 i=00002501 h=00000040 a=00000000',
        'MPRV with MPV and MPP=S: vsstatus.SUM applies (H: table of MPRV effects); QEMU 7.2 acts as if SUM = 1'],
      0x49: ['00000049 M c=00000015 t=40007000 g=20101c00 i=00002501 h=00000040 a=00000000',
        'MPRV with MPV: a G-stage fault is a load guest-page fault (21), not a page fault (H: guest-page faults); QEMU 7.2 raises 13'],
      0x4a: ['0000004a M c=0000000d t=40002000 g=00000000 i=68004573 h=00000040 a=00000000',
        "HLV's VS-stage failure is a page fault whatever the HS satp; QEMU 7.2 raises an access fault while the HS satp is Bare"],
      0x4b: ['0000004b M c=0000000d t=40002000 g=00000000 i=00002501 h=00000040 a=00000000',
        'MPRV with MPV: a VS-stage failure is a page fault whatever the HS satp; QEMU 7.2 raises an access fault while it is Bare'],
      0x50: ['00000050 M c=00000008 t=00000000 g=00000000 i=00000000 h=00000000 a=00080020',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x51: ['00000051 S c=00000015 t=40007000 g=20101c00 i=68004573 h=00000140 a=00000000',
        'Transformed instruction in mtinst/htinst for an explicit access (H: Transformed Instruction or Pseudoinstruction); QEMU 7.2 writes 0'],
      0x52: ['00000052 M c=00000002 t=22000073 g=00000000 i=00000000 h=00000000 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x53: ['00000053 M c=00000002 t=62000073 g=00000000 i=00000000 h=00000000 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x54: ['00000054 M c=00000002 t=62000073 g=00000000 i=00000000 h=00000000 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x55: ['00000055 M c=00000009 t=00000000 g=00000000 i=00000000 h=00000000 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x56: ['00000056 M c=0000000b t=00000000 g=00000000 i=00000000 h=00000000 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x57: ['00000057 M c=00000009 t=00000000 g=00000000 i=00000000 h=00000000 a=00000000',
        'mstatush.GVA is written on every trap into M, 1 only for a guest-virtual tval (H: mstatush field GVA); QEMU 7.2 sets it only for V=1 with tval != 0 and otherwise keeps it'],
      0x58: ['00000058 M c=00000002 t=6805c573 g=00000000 i=00000000 h=00000000 a=00000000',
        'illegal instruction from U-mode HLV with HU=0 writes the instruction bits to mtval (priv: mtval on illegal instruction); QEMU 7.2 leaves a stale value (compat does not copy it)'],
    },
    compatOwn: {
      0x58: '00000058 M c=00000002 t=6805c573 g=00000000 i=00000000 h=00000040 a=00000000',
    },
  },
];

describeProbes('hypervisor instructions (probes on QEMU 7.2 and Hyperstep)', PROGRAMS);
