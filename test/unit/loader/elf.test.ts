import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { ElfError, ElfImage, isElf, parseElf } from '../../../src/engine/loader/elf';
import { rawImage } from '../../../src/engine/loader/rawImage';

/*
 * The ELF files are built at test time with Debian's riscv64-unknown-elf toolchain, and GNU
 * readelf is the oracle for what parseElf must report (entry, PT_LOAD segments, sections,
 * symbols). Bad inputs are derived from those files, a 64-bit build, a .o and the host's
 * /bin/true.
 */

const REPO = path.resolve(__dirname, '../../../..');
const INCLUDE = path.join(REPO, 'test/corpus/include');
const GCC = 'riscv64-unknown-elf-gcc';
const READELF = 'riscv64-unknown-elf-readelf';

const PROGRAM = `
#include <stdint.h>
volatile uint32_t counter = 5;
uint8_t zeroes[3000];
const char greeting[] = "hello";
__attribute__((weak)) int weak_hook(int x) { return x + 1; }
static int helper(int x) { return x * 3; }
int main(void) { zeroes[counter] = 1; return helper(counter) + weak_hook(greeting[1]) - 127; }
`;

function tool(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === 'ENOENT') {
      throw new Error(`${cmd} is not installed: the ELF tests build real ELF files with the RISC-V GNU toolchain ` +
        '(Debian: gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf; run bash test/setup-tools.sh)');
    }
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr ?? err.message}`);
  }
}

interface Built { dir: string; exe: Uint8Array; exePath: string; obj: Uint8Array; elf64: Uint8Array; asmExe: Uint8Array }

function build(): Built {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-elf-'));
  fs.writeFileSync(path.join(dir, 'prog.c'), PROGRAM);
  const common = ['-O1', '-ffreestanding', '-nostdlib', '-nostartfiles', `-I${INCLUDE}`, '-T', path.join(INCLUDE, 'link.ld'), path.join(INCLUDE, 'crt0.S')];
  tool(GCC, ['-march=rv32imac_zicsr_zifencei', '-mabi=ilp32', ...common, 'prog.c', '-o', 'prog.elf', '-lgcc'], dir);
  tool(GCC, ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-mcmodel=medany', ...common, 'prog.c', '-o', 'prog64.elf', '-lgcc'], dir);
  tool(GCC, ['-march=rv32imac_zicsr_zifencei', '-mabi=ilp32', '-O1', '-ffreestanding', '-c', 'prog.c', '-o', 'prog.o'], dir);
  fs.writeFileSync(path.join(dir, 'tiny.s'), '.globl _start\n_start:\n  li a0, 1\n  j _start\n.data\nvalue: .word 42\n');
  tool('riscv64-unknown-elf-as', ['-march=rv32i', '-mabi=ilp32', 'tiny.s', '-o', 'tiny.o'], dir);
  tool('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '-Ttext=0x80000000', 'tiny.o', '-o', 'tiny.elf'], dir);
  const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(dir, f)));
  return { dir, exe: read('prog.elf'), exePath: path.join(dir, 'prog.elf'), obj: read('prog.o'), elf64: read('prog64.elf'), asmExe: read('tiny.elf') };
}

/** What readelf says about a file, in parseElf's terms. */
function readelf(file: string, dir: string) {
  const out = tool(READELF, ['-W', '-h', '-l', '-S', '-s', file], dir);
  const entry = parseInt(/Entry point address:\s+(0x[0-9a-f]+)/.exec(out)![1], 16);
  const eFlags = parseInt(/Flags:\s+(0x[0-9a-f]+)/.exec(out)![1], 16);
  const segments = [...out.matchAll(/^\s*LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+([RWE ]+?)\s+0x[0-9a-f]+$/gm)]
    .map((m) => ({
      offset: parseInt(m[1], 16), vaddr: parseInt(m[2], 16), paddr: parseInt(m[3], 16), filesz: parseInt(m[4], 16), memsz: parseInt(m[5], 16),
      flags: (m[6].includes('R') ? 4 : 0) | (m[6].includes('W') ? 2 : 0) | (m[6].includes('E') ? 1 : 0),
    }));
  const sections = [...out.matchAll(/^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+([0-9a-f]{8})\s+([0-9a-f]{6,})\s+([0-9a-f]{6,})\s/gm)]
    .map((m) => ({ index: +m[1], name: m[2], addr: parseInt(m[4], 16), offset: parseInt(m[5], 16), size: parseInt(m[6], 16) }));
  const ndx: Record<string, number> = { UND: 0, ABS: 0xfff1, COM: 0xfff2 };
  const symbols = [...out.matchAll(/^\s*(\d+):\s+([0-9a-f]{8})\s+(\d+|0x[0-9a-f]+)\s+(\S+)\s+(\S+)\s+\S+\s+(\S+)\s?(.*)$/gm)]
    .map((m) => ({
      name: m[7], value: parseInt(m[2], 16), size: Number(m[3]), type: m[4].toLowerCase(), bind: m[5].toLowerCase(),
      shndx: m[6] in ndx ? ndx[m[6]] : parseInt(m[6], 10),
    }));
  return { entry, eFlags, segments, sections, symbols };
}

function expectElfError(bytes: Uint8Array, pattern: RegExp, fileName = 'bad.elf'): ElfError {
  try {
    parseElf(bytes, fileName);
  } catch (e) {
    assert.ok(e instanceof ElfError, `expected an ElfError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    assert.ok(e.message.startsWith(`${fileName}: `), `message should start with the file name: ${e.message}`);
    assert.match(e.message, pattern);
    return e;
  }
  assert.fail(`expected ${fileName} to be rejected (${pattern})`);
}

const patched = (bytes: Uint8Array, edit: (v: DataView, b: Uint8Array) => void) => {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer), copy);
  return copy;
};

describe('ELF loader', function () {
  let built: Built;
  before(function () { this.timeout(60000); built = build(); });
  after(() => { if (built) fs.rmSync(built.dir, { recursive: true, force: true }); });

  it('reads a gcc-built RV32 executable exactly as readelf does', () => {
    const img = parseElf(built.exe, 'prog.elf');
    const ref = readelf('prog.elf', built.dir);
    assert.strictEqual(img.entry, ref.entry);
    assert.strictEqual(img.entry, 0x8000_0000);
    assert.strictEqual(img.eFlags, ref.eFlags);
    assert.deepStrictEqual(img.segments.map((s) => ({ vaddr: s.vaddr, paddr: s.paddr, filesz: s.data.length, memsz: s.memsz, flags: s.flags })),
      ref.segments.map((s) => ({ vaddr: s.vaddr, paddr: s.paddr, filesz: s.filesz, memsz: s.memsz, flags: s.flags })));
    ref.segments.forEach((s, i) => assert.deepStrictEqual(img.segments[i].data, built.exe.slice(s.offset, s.offset + s.filesz)));
    assert.ok(img.segments.some((s) => s.memsz > s.data.length), '.bss gives a segment with zero fill');
    for (const s of ref.sections) {
      const mine = img.sections[s.index];
      assert.deepStrictEqual({ name: mine.name, addr: mine.addr, offset: mine.offset, size: mine.size },
        { name: s.name, addr: s.addr, offset: s.offset, size: s.size });
    }
    assert.strictEqual(img.symbols.length, ref.symbols.length);
    ref.symbols.forEach((s, i) => {
      const mine = img.symbols[i];
      // A section symbol has no name of its own (st_name 0); readelf shows its section's name.
      const name = mine.type === 'section' && mine.name === '' ? img.sections[mine.shndx].name : mine.name;
      assert.deepStrictEqual({ ...mine, name }, s, `symbol ${i}`);
    });
    const byName = (n: string) => img.symbols.find((s) => s.name === n)!;
    assert.deepStrictEqual([byName('main').type, byName('main').bind], ['func', 'global']);
    assert.deepStrictEqual([byName('weak_hook').bind, byName('helper')?.bind ?? 'local'], ['weak', 'local']);
    assert.deepStrictEqual([byName('counter').type, byName('counter').size], ['object', 4]);
    assert.strictEqual(byName('_start').value, img.entry);
  });

  it('reads an as/ld-built executable', () => {
    const img = parseElf(built.asmExe, 'tiny.elf');
    assert.strictEqual(img.entry, 0x8000_0000);
    assert.strictEqual(img.symbols.find((s) => s.name === '_start')!.value, 0x8000_0000);
    assert.ok(img.symbols.some((s) => s.name === 'value' && s.type === 'notype' && s.bind === 'local'));
    assert.ok(img.sections.some((s) => s.name === '.text' && s.addr === 0x8000_0000));
  });

  it('recognises ELF magic', () => {
    assert.strictEqual(isElf(built.exe), true);
    assert.strictEqual(isElf(new Uint8Array([0x7f, 0x45, 0x4c])), false);
    assert.strictEqual(isElf(new TextEncoder().encode('#!/bin/sh\n')), false);
  });

  it('rejects a 64-bit ELF saying that it is 64-bit', () => {
    expectElfError(built.elf64, /64-bit RISC-V \(RV64\) ELF file.*32-bit RISC-V \(RV32\).*-mabi=ilp32/, 'prog64.elf');
  });

  it('rejects the host\'s /bin/true naming its machine', () => {
    const bytes = new Uint8Array(fs.readFileSync('/bin/true'));
    // A 64-bit host binary is caught by its class first; make it look 32-bit to reach the machine check.
    const asClass32 = patched(bytes, (_v, b) => { b[4] = 1; });
    const err = expectElfError(asClass32, /not RISC-V/, 'true');
    assert.match(err.message, /x86-64|AArch64|x86|ARM/);
    if (bytes[4] === 2) expectElfError(bytes, /64-bit (x86-64|AArch64) ELF file/, 'true');
  });

  it('rejects a relocatable object: link it first', () => {
    expectElfError(built.obj, /relocatable.*link it first/, 'prog.o');
  });

  it('rejects empty, non-ELF and random input', () => {
    expectElfError(new Uint8Array(0), /empty file/);
    expectElfError(new TextEncoder().encode('not an elf at all'), /not an ELF file \(bad magic 6e 6f 74 20/);
    expectElfError(new Uint8Array([0x7f, 0x45, 0x4c, 0x00, 1, 1, 1]), /bad magic 7f 45 4c 00/);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
      try { parseElf(bytes, 'random.bin'); } catch (e) { return e instanceof ElfError && e.message.startsWith('random.bin: '); }
      return true;
    }), { numRuns: 300 });
  });

  it('reports truncation at every length', () => {
    const exe = built.exe;
    const lengths = new Set<number>();
    for (let n = 0; n < 300; n++) lengths.add(n);
    for (let n = 300; n < exe.length; n += 61) lengths.add(n);
    lengths.add(exe.length - 1);
    for (const n of lengths) {
      const err = expectElfError(exe.subarray(0, n), n === 0 ? /empty/ : n < 4 ? /bad magic/ : /truncated/, 'prog.elf');
      if (n >= 52) assert.match(err.message, /0x[0-9a-f]+/, 'says where');
    }
  });

  it('names what is wrong in a damaged header or table', () => {
    const exe = built.exe;
    const dv = new DataView(exe.buffer, exe.byteOffset, exe.byteLength);
    const phoff = dv.getUint32(28, true), phnum = dv.getUint16(44, true);
    const firstLoad = [...Array(phnum).keys()].map((i) => phoff + 32 * i).find((p) => dv.getUint32(p, true) === 1)!;
    expectElfError(patched(exe, (_v, b) => { b[5] = 2; }), /big-endian/);
    expectElfError(patched(exe, (_v, b) => { b[4] = 3; }), /invalid ELF class 3/);
    expectElfError(patched(exe, (_v, b) => { b[6] = 9; }), /ELF version 9/);
    expectElfError(patched(exe, (v) => v.setUint16(16, 3, true)), /shared object.*ET_DYN/);
    expectElfError(patched(exe, (v) => v.setUint16(16, 4, true)), /core dump/);
    expectElfError(patched(exe, (v) => v.setUint16(18, 40, true)), /ARM.*not RISC-V/);
    expectElfError(patched(exe, (v) => v.setUint32(firstLoad + 16, v.getUint32(firstLoad + 20, true) + 1, true)), /file size 0x[0-9a-f]+ is larger than memory size/);
    expectElfError(patched(exe, (v) => { for (let i = 0; i < phnum; i++) v.setUint32(phoff + 32 * i, 0, true); }), /no loadable \(PT_LOAD\) segments/);
    expectElfError(patched(exe, (v) => v.setUint32(firstLoad + 4, exe.length, true)), /truncated segment \d+ \(PT_LOAD at 0x8/);
    expectElfError(patched(exe, (v) => v.setUint32(28, exe.length - 8, true)), /truncated program header table/);
    expectElfError(patched(exe, (v) => v.setUint32(firstLoad + 8, 0xffff_ffff, true)), /4 GiB/);
  });

  it('never throws anything but ElfError for mutated or truncated ELF files (property)', () => {
    const exe = built.exe;
    const dv = new DataView(exe.buffer, exe.byteOffset, exe.byteLength);
    const phoff = dv.getUint32(28, true), shoff = dv.getUint32(32, true);
    // Mutations aimed at the headers and tables, where parsing decisions are made.
    const hotOffset = fc.oneof(
      fc.integer({ min: 0, max: 51 }),
      fc.integer({ min: phoff, max: phoff + 32 * 4 - 1 }),
      fc.integer({ min: shoff, max: Math.min(exe.length - 1, shoff + 40 * 20) }),
      fc.integer({ min: 0, max: exe.length - 1 }),
    );
    const interesting = fc.oneof(
      fc.constantFrom(0, 1, 0xff, 0xffff, 0x7fffffff, 0xffffffff, exe.length, exe.length - 1, 0x10000000),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('byte' as const), at: hotOffset, value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('word' as const), at: hotOffset, value: interesting }),
    );
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.option(fc.integer({ min: 0, max: exe.length })), (muts, cut) => {
      let bytes = exe.slice();
      const v = new DataView(bytes.buffer);
      for (const m of muts) {
        if (m.kind === 'byte') bytes[m.at] = m.value;
        else if (m.at + 4 <= bytes.length) v.setUint32(m.at, m.value >>> 0, true);
      }
      if (cut !== null) bytes = bytes.subarray(0, cut);
      let img: ElfImage;
      try {
        img = parseElf(bytes, 'fuzz.elf');
      } catch (e) {
        if (!(e instanceof ElfError)) throw e;
        return e.message.startsWith('fuzz.elf: ');
      }
      return img.segments.length > 0 && img.segments.every((s) => s.data.length <= s.memsz && s.vaddr >>> 0 === s.vaddr);
    }), { numRuns: 3000 });
  });

  it('wraps a raw binary as one segment at the load address', () => {
    const bytes = new Uint8Array([0x13, 0, 0, 0]);
    const img = rawImage(bytes, 0x8000_0000);
    assert.strictEqual(img.entry, 0x8000_0000);
    assert.deepStrictEqual(img.segments.map((s) => [s.vaddr, s.paddr, s.memsz, s.data.length]), [[0x8000_0000, 0x8000_0000, 4, 4]]);
    assert.deepStrictEqual([img.symbols, img.sections], [[], []]);
  });
});
