/**
 * Previrtualization (docs/PARAVIRT.md) against GNU: test/asm/previrt/sites.s assembled with
 * `previrtualize` must be byte-identical to sites.expected.s (the same program with every
 * rewritten site written out by hand as the documented sequence, a0 computed by GNU as from
 * the documented formula) built with GNU as + ld. The notes section is checked against GNU's
 * symbols for the labels around each site and GNU's encoding of the original line; the line
 * table against the source and GNU addr2line.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssembleResult, assemble, formatDiagnostic } from '../../src/engine/asm';
import { CSRS } from '../../src/engine/isa/csrs';
import { ElfImage, parseElf } from '../../src/engine/loader/elf';
import {
  PREVIRT_SECTION, PrevirtNotesError, PrevirtSite, encodePrevirtNotes, parsePrevirtNotes, readPrevirtNotes,
} from '../../src/engine/loader/previrtNotes';
import { buildReference, describeDifferences, listCorpus, readFileFromDisk, repoRoot, toolchainProblem } from './gnuReference';

const DIR = path.join(repoRoot(), 'test', 'asm', 'previrt');
const SOURCE = path.join(DIR, 'sites.s');
const EXPECTED = path.join(DIR, 'sites.expected.s');
const REPT_SITES = 120;

function symbolsOf(img: ElfImage): Map<string, number> {
  return new Map(img.symbols.filter((s) => s.name !== '').map((s) => [s.name, s.value >>> 0]));
}

/** The bytes of an ELF's allocated section containing `address`, from `address` on. */
function bytesAt(elf: Uint8Array, img: ElfImage, address: number, count: number): Uint8Array {
  const sec = img.sections.find((s) => (s.flags & 2) !== 0 && s.type !== 8 && address >= s.addr && address + count <= s.addr + s.size);
  assert.ok(sec, `no section holds 0x${address.toString(16)}`);
  return elf.subarray(sec.offset + address - sec.addr, sec.offset + address - sec.addr + count);
}

const word = (b: Uint8Array): number => (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;

/** Instruction start addresses in [from, to), by the length in each instruction's low bits. */
function instructionStarts(elf: Uint8Array, img: ElfImage, from: number, to: number): number[] {
  const out: number[] = [];
  for (let a = from; a < to;) {
    out.push(a);
    a += (bytesAt(elf, img, a, 2)[0] & 3) === 3 ? 4 : 2;
  }
  return out;
}

/** 1-based line of the statement that defines `label:` in a source text. */
function lineOf(text: string, label: string): number {
  const i = text.split('\n').findIndex((l) => new RegExp(`^\\s*${label}:`).test(l));
  assert.ok(i >= 0, `label ${label} not in the source`);
  return i + 1;
}

describe('asm: previrtualization', function () {
  this.timeout(60000);
  const text = fs.readFileSync(SOURCE, 'utf8');
  let ours: AssembleResult;
  let oursImg: ElfImage;
  let expected: Uint8Array;
  let expectedSyms: Map<string, number>;
  let native: Uint8Array;
  let nativeImg: ElfImage;

  before(function () {
    const problem = toolchainProblem();
    if (problem) assert.fail(problem);
    ours = assemble([{ path: SOURCE, text }], { previrtualize: true });
    assert.deepStrictEqual(ours.diagnostics.map(formatDiagnostic), []);
    assert.ok(ours.elf && ours.image);
    oursImg = ours.image;
    expected = buildReference({ name: 'expected', files: [EXPECTED], options: {} });
    expectedSyms = symbolsOf(parseElf(expected, 'expected'));
    native = buildReference({ name: 'native', files: [SOURCE], options: {} });
    nativeImg = parseElf(native, 'native');
  });

  const siteLabels = (): string[] => [...expectedSyms.keys()].filter((n) => (n.startsWith('site_') || n === 'aligned') && !n.endsWith('_end')).sort();

  it('rewrites every sensitive instruction into the documented sequence, as GNU builds it written out by hand', () => {
    const diff = describeDifferences(ours.elf!, expected);
    if (diff) assert.fail(`previrtualized sites.s differs from GNU's build of sites.expected.s:\n${diff}`);
  });

  it('changes nothing without the option: sites.s is then GNU\'s native build', () => {
    const r = assemble([{ path: SOURCE, text }]);
    assert.strictEqual(describeDifferences(r.elf!, native), undefined);
    assert.strictEqual(r.previrt, undefined);
    assert.ok(!r.image!.sections.some((s) => s.name === PREVIRT_SECTION));
  });

  it('notes each rewritten site: GNU\'s address for its label, the length to its end label, the original encoding', () => {
    const notes = readPrevirtNotes(ours.elf!, oursImg)!;
    assert.ok(notes, 'the ELF has a .hyperstep.previrt section');
    assert.deepStrictEqual(notes, ours.previrt, 'the section parses back to what assemble() returned');
    const expectedImg = parseElf(expected, 'expected');
    const nativeSyms = symbolsOf(nativeImg);
    const labels = siteLabels();
    assert.strictEqual(labels.length, 22);
    for (const label of labels) {
      const start = expectedSyms.get(label)!, end = expectedSyms.get(`${label}_end`)!;
      const site = notes.find((n) => n.address === start);
      assert.ok(site, `no note at ${label} (0x${start.toString(16)})`);
      assert.strictEqual(site.kind, 'rewritten', label);
      assert.strictEqual(site.length, end - start, `${label}: length`);
      assert.strictEqual((site as Extract<PrevirtSite, { kind: 'rewritten' }>).count, instructionStarts(expected, expectedImg, start, end).length, `${label}: count`);
      // The original bits: what GNU assembles for the same line of sites.s.
      assert.strictEqual(site.original, word(bytesAt(native, nativeImg, nativeSyms.get(label)!, 4)), `${label}: original`);
      assert.strictEqual(site.file, SOURCE);
      assert.strictEqual(site.line, lineOf(text, label), `${label}: line`);
    }
  });

  it('notes the .rept copies one by one, back to back up to the label after them', () => {
    const notes = ours.previrt!;
    const firstAfterBranch = notes.filter((n) => n.address > expectedSyms.get('site_loop')! && n.address < expectedSyms.get('far')!);
    assert.strictEqual(firstAfterBranch.length, REPT_SITES);
    const reptLine = text.split('\n').findIndex((l) => l.trim() === '.rept 120') + 2;
    const span = expectedSyms.get('far')! - firstAfterBranch[0].address;
    for (const [i, n] of firstAfterBranch.entries()) {
      assert.strictEqual(n.kind, 'rewritten');
      assert.strictEqual(n.address, firstAfterBranch[0].address + (i * span) / REPT_SITES);
      assert.strictEqual(n.line, reptLine);
    }
    assert.strictEqual(notes.filter((n) => n.kind === 'rewritten').length, siteLabels().length + REPT_SITES);
  });

  it('leaves the sites that use sp, and a raw .insn encoding, native, and says why', () => {
    const natives = ours.previrt!.filter((n) => n.kind === 'native');
    const want: Array<[string, string]> = [
      ['native_swap', 'uses-sp'], ['native_read_sp', 'uses-sp'], ['native_write_sp', 'uses-sp'], ['native_sfence_sp', 'uses-sp'], ['native_insn', 'raw-encoding'],
    ];
    assert.deepStrictEqual(natives.map((n) => [n.address, n.kind === 'native' ? n.reason : '']), want.map(([l, r]) => [expectedSyms.get(l), r]));
    for (const n of natives) {
      assert.strictEqual(n.length, 4);
      assert.strictEqual(n.original, word(bytesAt(expected, parseElf(expected, 'e'), n.address, 4)));
    }
  });

  it('maps every instruction of a sequence to the original line (line table, and DWARF as GNU addr2line reads it)', () => {
    const rewritten = ours.previrt!.filter((n) => n.kind === 'rewritten');
    for (const n of rewritten) {
      const starts = instructionStarts(ours.elf!, oursImg, n.address, n.address + n.length);
      for (const a of starts) assert.strictEqual(ours.lineTable.locate(a)?.line, n.line, `0x${a.toString(16)}`);
      // A breakpoint on the line lands on the sequence's first instruction (each .rept copy's).
      assert.ok(ours.lineTable.breakpointAddresses(SOURCE, n.line)?.addresses.includes(n.address), `line ${n.line}`);
      assert.ok(!ours.lineTable.addressesOf(SOURCE, n.line).some((a) => a > n.address && a < n.address + n.length), `line ${n.line}: one row per sequence`);
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-previrt-'));
    try {
      const elf = path.join(work, 'p.elf');
      fs.writeFileSync(elf, ours.elf!);
      // The last instruction of each sequence: addr2line must not fall back to the next row.
      const named = rewritten.slice(0, 24);
      const out = execFileSync('riscv64-unknown-elf-addr2line', ['-e', elf, ...named.map((n) => '0x' + (n.address + n.length - 2).toString(16))], { encoding: 'utf8' });
      assert.deepStrictEqual(out.trim().split('\n'), named.map((n) => `${SOURCE}:${n.line}`));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('rewrites exactly the supervisor CSRs (0x100-0x1ff) of the CSR table', () => {
    const src = CSRS.map((c) => `  csrr t0, ${c.name}`).join('\n') + '\n';
    const r = assemble([{ path: 'csrs.s', text: src }], { previrtualize: true });
    assert.deepStrictEqual(r.diagnostics.map(formatDiagnostic), []);
    const rewrittenLines = new Set(r.previrt!.filter((n) => n.kind === 'rewritten').map((n) => n.line));
    CSRS.forEach((c, i) => {
      assert.strictEqual(rewrittenLines.has(i + 1), c.num >= 0x100 && c.num <= 0x1ff, `${c.name} (0x${c.num.toString(16)})`);
    });
  });

  it('changes nothing in a corpus program without sensitive instructions (the ELF is byte-identical)', () => {
    const sensitive = /\b(csr\w*|sret|wfi|sfence\.vma)\b/i;
    let checked = 0;
    for (const prog of listCorpus()) {
      const inputs = prog.files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
      if (inputs.some((f) => sensitive.test(f.text))) continue;
      const plain = assemble(inputs, { ...prog.options, readFile: readFileFromDisk });
      const pv = assemble(inputs, { ...prog.options, readFile: readFileFromDisk, previrtualize: true });
      assert.ok(plain.elf, prog.name);
      assert.deepStrictEqual(pv.previrt, [], prog.name);
      assert.ok(Buffer.from(pv.elf!).equals(Buffer.from(plain.elf)), `${prog.name}: the previrtualized ELF differs`);
      checked++;
    }
    assert.ok(checked >= 40, `only ${checked} corpus programs without sensitive instructions`);
  });

  it('reads back what it writes, and refuses damaged notes with a message', () => {
    const sites = ours.previrt!;
    const bytes = encodePrevirtNotes(sites);
    assert.deepStrictEqual(parsePrevirtNotes(bytes), sites);
    const bad = (b: Uint8Array, msg: RegExp): void => assert.throws(() => parsePrevirtNotes(b), (e: Error) => e instanceof PrevirtNotesError && msg.test(e.message));
    bad(bytes.subarray(0, 10), /shorter than its 16-byte header/);
    bad(Uint8Array.from([0, ...bytes.subarray(1)]), /bad magic/);
    bad(bytes.subarray(0, 40), /run past the end/);
    const badKind = Uint8Array.from(bytes); badKind[16 + 8] = 7;
    bad(badKind, /record 0: unknown kind 7/);
    const badVersion = Uint8Array.from(bytes); badVersion[4] = 9;
    bad(badVersion, /version 9/);
    assert.strictEqual(readPrevirtNotes(assemble([{ path: 'x.s', text: 'nop\n' }], { previrtualize: true }).elf!), undefined);
  });
});
