import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Machine } from '../../../src/engine/machine/machine';
import { parseElf } from '../../../src/engine/loader/elf';
import { gnuBuildElf } from '../../support/gnuAs';

/**
 * Bare-metal probes of the hypervisor extension that run unchanged on QEMU 7.2
 * (`qemu-system-riscv32 -M virt -bios none`, H on) and on Hyperstep. An M-mode runner sets up
 * page tables and CSRs, drops to the mode under test, and the M and HS trap handlers print one
 * line per probe over the UART:
 *
 *   <id> M c=mcause t=mtval g=mtval2 i=mtinst h=mstatush&0xc0 a=a0
 *   <id> S c=scause t=stval g=htval  i=htinst h=hstatus&0x1c0 a=a0
 *
 * A probe that does not trap ends in ecall (cause 8, 9, 10 or 11 tells the mode it ran in). After
 * every trap the runner sets sentinels (mstatush.GVA = 1, mtinst = htinst = 0x12345678), so a
 * line shows whether the next trap wrote them. An S line is followed by an ecall to M, which
 * resumes silently.
 *
 * Memory (guest-physical = host-physical outside the G-stage's own mappings):
 *   G stage (Sv32x4, root 0x80010000, VMID 1): guest 0x80000000 4 MiB -> same (U RWX AD);
 *     guest 0x80400000 region through the L0 table at 0x80014000:
 *       0x80404 -> 0x80024 U R      0x80405 -> 0x80025 U X      0x80406 -> 0x80026 RWX (no U)
 *       0x80407 invalid             0x80408 -> 0x80032 U R (holds a VS L0 table)   0x80409 invalid
 *   VS stage (Sv32, root 0x80030000): VA 0x80000000 4 MiB -> same (S RWX AD, the code);
 *     VA 0x40000000 region through the L0 table at 0x80031000:
 *       0x40000 -> 0x80020 S RW     0x40001 -> 0x80021 U RW     0x40002 -> 0x80022 S X
 *       0x40003 -> 0x80023 S R      0x40004 -> 0x80404 S RW     0x40005 -> 0x80405 S RWX
 *       0x40006 -> 0x80406 S RW     0x40007 -> 0x80407 S RW     0x40009 -> 0x80029 U X
 *       0x4000a -> 0x80407 S RWX    0x4000b -> 0x80405 S X      0x4000c -> 0x80020 S RW
 *       0x4000d -> 0x80407 S RW
 *     VA 0x40400000: L0 at GPA 0x80408000 (G read-only), entry 0 -> 0x80020 S RW with A = D = 0
 *     VA 0x40800000: L0 at GPA 0x80409000 (no G-stage mapping)
 *   Each host page 0x80020..0x8002f holds its page number at offsets 0 and 0x100.
 */

export const H_MARCH = 'rv32imac_zicsr_zifencei_h';
/** QEMU 7.2's rv32 CPU with exactly Hyperstep's extensions, H included. */
export const QEMU_H_CPU = 'rv32,f=false,d=false,zba=false,zbb=false,zbc=false,zbs=false,sstc=false,debug=false';

export const PROBE_HARNESS = String.raw`
# M-mode runner; the M and HS trap handlers print a record and resume at s11.
# s10 = probe id, s11 = resume address, s9 = 1 when the HS handler passed control back by ecall.
      .equ UART, 0x10000000
      .equ GROOT, 0x80010000
      .equ VSROOT, 0x80030000
      .section .text.init
      .globl _start
_start:
      li t0, -1
      csrw pmpaddr0, t0
      li t0, 0x1f
      csrw pmpcfg0, t0
      la t0, m_trap
      csrw mtvec, t0
      la t0, s_trap
      csrw stvec, t0
      la sp, stack_top
      call build_tables
      j probes

# ---- printing (waits for LSR.THRE: QEMU drops bytes written while its output is blocked) ----
.macro TX reg
      li t0, UART
.Ltx\@:
      lbu t6, 5(t0)
      andi t6, t6, 0x20
      beqz t6, .Ltx\@
      sb \reg, 0(t0)
.endm
puthex: # a0 = value; clobbers t0-t3, t6, a0
      mv t1, a0
      li t2, 28
1:    srl t3, t1, t2
      andi t3, t3, 15
      addi t3, t3, 48
      li t0, 58
      blt t3, t0, 2f
      addi t3, t3, 39
2:    TX t3
      addi t2, t2, -4
      bgez t2, 1b
      ret
.macro PUT ch
      li t3, \ch
      TX t3
.endm
.macro FIELD ch, reg
      PUT ' '
      PUT \ch
      PUT '='
      mv a0, \reg
      call puthex
.endm

      .align 2
m_trap:
      csrr t4, mcause
      li t5, 9
      bne t4, t5, 1f
      beqz s9, 1f
      li s9, 0            # HS handler asked to resume
      j m_resume
1:    mv s8, a0
      mv a0, s10
      call puthex
      PUT ' '
      PUT 'M'
      csrr t4, mcause
      FIELD 'c', t4
      csrr t4, mtval
      FIELD 't', t4
      csrr t4, mtval2
      FIELD 'g', t4
      csrr t4, mtinst
      FIELD 'i', t4
      csrr t4, mstatush
      andi t4, t4, 0xc0
      FIELD 'h', t4
      FIELD 'a', s8
      PUT 10
m_resume:
      csrw mepc, s11
      li t0, 0x1800
      csrs mstatus, t0    # MPP = M
      li t0, 0x80
      csrc mstatush, t0   # MPV = 0
      li t0, 0x40         # sentinels: see whether the next trap writes them
      csrs mstatush, t0
      csrs hstatus, t0
      csrw mtval2, zero
      li t0, 0x12345678
      csrw mtinst, t0
      csrw htinst, t0
      mret

      .align 2
s_trap:
      mv s8, a0
      mv a0, s10
      call puthex
      PUT ' '
      PUT 'S'
      csrr t4, scause
      FIELD 'c', t4
      csrr t4, stval
      FIELD 't', t4
      csrr t4, htval
      FIELD 'g', t4
      csrr t4, htinst
      FIELD 'i', t4
      csrr t4, hstatus
      andi t4, t4, 0x1c0
      FIELD 'h', t4
      FIELD 'a', s8
      PUT 10
      li s9, 1
      ecall

# ---- page tables ----
# G stage (Sv32x4, root GROOT): guest 0x80000000 4 MiB -> host same (URWX AD);
#   guest 0x80400000 region -> L0 at 0x80014000:
#     0x80404 -> host 0x80024 U R A      (read-only)
#     0x80405 -> host 0x80025 U X A      (execute-only)
#     0x80406 -> host 0x80026 R W X A D  (no U)
#     0x80407 invalid
#     0x80408 -> host 0x80032 U R A      (read-only page holding a VS L0 table)
#     0x80409 invalid                    (a VS L0 table the G stage lacks)
# VS stage (Sv32, root VSROOT, in guest-physical = host-physical space):
#   VA 0x80000000 4 MiB -> GPA 0x80000000 (S RWX AD) so VS code runs
#   VA 0x40000000 -> L0 at 0x80031000:
#     0x40000 -> 0x80020 S RW AD
#     0x40001 -> 0x80021 U RW AD
#     0x40002 -> 0x80022 S X A
#     0x40003 -> 0x80023 S R A
#     0x40004 -> 0x80404 S RW AD
#     0x40005 -> 0x80405 S RWX AD
#     0x40006 -> 0x80406 S RW AD
#     0x40007 -> 0x80407 S RW AD
#     0x40009 -> 0x80029 U X A
#   VA 0x40400000 -> L0 at GPA 0x80408000 (host 0x80032000): 0x40400 -> 0x80020 S RW, A=0 D=0
#   VA 0x40800000 -> L0 at GPA 0x80409000 (G stage invalid)
.macro PTE table, index, ppn, flags
      li t0, \table + \index * 4
      li t1, (\ppn << 10) | \flags
      sw t1, 0(t0)
.endm
build_tables:
      PTE GROOT, 0x200, 0x80000, 0xdf
      PTE GROOT, 0x201, (0x80014000 >> 12), 0x01
      PTE 0x80014000, 4, 0x80024, 0x53
      PTE 0x80014000, 5, 0x80025, 0x59
      PTE 0x80014000, 6, 0x80026, 0xcf
      PTE 0x80014000, 8, 0x80032, 0x53
      PTE VSROOT, 0x200, 0x80000, 0xcf
      PTE VSROOT, 0x100, 0x80031, 0x01
      PTE VSROOT, 0x101, 0x80408, 0x01
      PTE VSROOT, 0x102, 0x80409, 0x01
      PTE 0x80031000, 0, 0x80020, 0xc7
      PTE 0x80031000, 1, 0x80021, 0xd7
      PTE 0x80031000, 2, 0x80022, 0x49
      PTE 0x80031000, 3, 0x80023, 0x43
      PTE 0x80031000, 4, 0x80404, 0xc7
      PTE 0x80031000, 5, 0x80405, 0xcf
      PTE 0x80031000, 6, 0x80406, 0xc7
      PTE 0x80031000, 7, 0x80407, 0xc7
      PTE 0x80031000, 9, 0x80029, 0x59
      PTE 0x80031000, 10, 0x80407, 0xcf
      PTE 0x80031000, 11, 0x80405, 0xc9
      PTE 0x80031000, 12, 0x80020, 0xc7
      PTE 0x80031000, 13, 0x80407, 0xc7
      PTE 0x80032000, 0, 0x80020, 0x07
      # data: each page's first word says which host page it is
      li t0, 0x80020000
      li t2, 0x80030000
1:    srli t1, t0, 12
      sw t1, 0(t0)
      sw t1, 0x100(t0)
      li t1, 0x1000
      add t0, t0, t1
      bltu t0, t2, 1b
      ret

.macro HGATP_ON
      li t0, 0x80000000 | (1 << 22) | (GROOT >> 12)
      csrw hgatp, t0
.endm
.macro VSATP_ON
      li t0, 0x80000000 | (VSROOT >> 12)
      csrw vsatp, t0
.endm
.macro BEGIN id
      li s10, \id
      la s11, 99f
      li a0, 0
.endm
.macro END
      ecall
99:
.endm
# Enter mode (mpp, mpv) at the next instruction.
.macro ENTER mpp, mpv
      la t0, 98f
      csrw mepc, t0
      li t0, 0x1800
      csrc mstatus, t0
      li t0, (\mpp << 11)
      csrs mstatus, t0
      li t0, 0x80
      csrc mstatush, t0
      .if \mpv
      csrs mstatush, t0
      .endif
      mret
98:
.endm
`;

const PROBE_EXIT = `
      li t0, 0x100000
      li t1, 0x5555
      sw t1, 0(t0)
1:    j 1b
      .bss
      .align 4
      .space 4096
stack_top:`;

/** Assembles and links a probe program (harness + `probes:` body) with GNU as; returns the ELF path. */
export function buildProbe(body: string, dir: string, name: string): string {
  return gnuBuildElf(PROBE_HARNESS + body + PROBE_EXIT, dir, name, H_MARCH);
}

/** Runs a probe ELF on QEMU 7.2 and returns its console output. */
export function runOnQemu(elf: string): string {
  const q = spawnSync('qemu-system-riscv32', ['-M', 'virt', '-cpu', QEMU_H_CPU, '-bios', 'none', '-nographic', '-kernel', elf],
    { encoding: 'latin1', timeout: 30000 });
  if (q.status !== 0) throw new Error(`qemu-system-riscv32 failed (${q.status}): ${q.stderr}`);
  return q.stdout.replace(/\r\n/g, '\n');
}

/** Runs a probe ELF on a Hyperstep machine with H and returns its console output. */
export function runOnHyperstep(elf: string, compat: 'spec' | 'qemu-7.2'): string {
  const m = new Machine({ memory: 1 << 20, hypervisor: true, compat });
  let out = '';
  m.on((e) => { if (e.kind === 'uart-tx') out += String.fromCharCode(e.byte); });
  m.load(parseElf(new Uint8Array(fs.readFileSync(elf)), path.basename(elf)));
  const r = m.run(5_000_000);
  if (r.kind !== 'exit') throw new Error(`probe did not exit: ${JSON.stringify(r)}\n${out}`);
  return out;
}

/** Probe output lines by probe id (the first field). */
export function linesById(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const line of text.split('\n')) if (line.trim() !== '') map.set(parseInt(line.slice(0, 8), 16), line);
  return map;
}

/** The QEMU transcript with the lines where the spec says otherwise replaced. */
export function withOverrides(qemu: string, spec: Record<number, string>): string {
  return qemu.split('\n').map((l) => {
    const id = parseInt(l.slice(0, 8), 16);
    return l.trim() !== '' && spec[id] !== undefined ? spec[id] : l;
  }).join('\n');
}

/**
 * A probe program with its QEMU 7.2 transcript (recorded from `qemu-system-riscv32` 7.2 and
 * re-checked against it on every run) and the lines where Hyperstep's default machine follows the
 * ratified spec instead, each with the clause and why.
 */
export interface ProbeProgram {
  name: string;
  body: string;
  qemu: string;
  /** Probe id -> [the spec's line, the clause (and what QEMU 7.2 does)]. */
  spec: Record<number, [string, string]>;
  /** Lines where compat mode differs from QEMU 7.2 too: QEMU's stale tval, which it does not copy. */
  compatOwn?: Record<number, string>;
}

/** The transcript Hyperstep must print in each mode. */
export function expectedTranscript(p: ProbeProgram, mode: 'spec' | 'qemu-7.2'): string {
  return p.qemu.split('\n').map((l) => {
    const id = parseInt(l.slice(0, 8), 16);
    if (l.trim() === '') return l;
    if (mode === 'spec') return p.spec[id] !== undefined ? p.spec[id][0] : l;
    return p.compatOwn?.[id] ?? l;
  }).join('\n');
}

/** Mocha suites for probe programs: QEMU matches the recording, and Hyperstep in both modes. */
export function describeProbes(title: string, programs: ProbeProgram[]): void {
  describe(title, function () {
    this.timeout(60000);
    let dir: string;
    const elf: Record<string, string> = {};
    const out: Record<string, Record<string, string>> = {};
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-hprobe-'));
      for (const p of programs) {
        elf[p.name] = buildProbe(p.body, dir, p.name.replace(/\W+/g, '_'));
        out[p.name] = { spec: runOnHyperstep(elf[p.name], 'spec'), 'qemu-7.2': runOnHyperstep(elf[p.name], 'qemu-7.2') };
      }
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const p of programs) {
      it(`${p.name}: QEMU 7.2 prints the recorded transcript`, () => {
        assertSameLines(runOnQemu(elf[p.name]), p.qemu);
      });
      it(`${p.name}: compat 'qemu-7.2' prints QEMU's transcript`, () => {
        assertSameLines(out[p.name]['qemu-7.2'], expectedTranscript(p, 'qemu-7.2'));
      });
      it(`${p.name}: the default machine prints the spec's transcript`, () => {
        assertSameLines(out[p.name].spec, expectedTranscript(p, 'spec'));
      });
      for (const [id, [line, clause]] of Object.entries(p.spec)) {
        it(`${p.name} 0x${Number(id).toString(16)}: ${clause}`, () => {
          assertSameLines(linesById(out[p.name].spec).get(Number(id)) ?? '(no line)', line);
        });
      }
    }
  });
}

function assertSameLines(actual: string, expected: string): void {
  const a = actual.trim().split('\n'), e = expected.trim().split('\n');
  const diff: string[] = [];
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) diff.push(`line ${i + 1}:\n  expected ${e[i] ?? '(none)'}\n  actual   ${a[i] ?? '(none)'}`);
  }
  if (diff.length) throw new Error(`${diff.length} line(s) differ:\n${diff.join('\n')}`);
}
