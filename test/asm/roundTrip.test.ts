/**
 * Round trip through the ISA table: for every row (32-bit and compressed), sample encodings are
 * decoded, disassembled and assembled back; the bytes must be identical. Both disassembler
 * modes are checked: canonical (objdump -M no-aliases) and aliases (objdump's default).
 */
import * as assert from 'assert';
import { assemble, formatDiagnostic } from '../../src/engine/asm';
import { decode } from '../../src/engine/isa/decoder';
import { disassemble } from '../../src/engine/isa/disassembler';
import { COMPRESSED, CompressedSpec, INSTRUCTIONS, InstructionSpec, specOf } from '../../src/engine/isa/instructions';

const BASE = 0x80000000;

/** Deterministic pseudo-random numbers (so a failure reproduces). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 0x100000000) * n);
  };
}

const field = (v: number, shift: number, width: number): number => ((v & ((1 << width) - 1)) << shift) >>> 0;

/** Canonical encodings of a 32-bit row: random registers and immediates in their fields. */
function samples32(row: InstructionSpec, rand: (n: number) => number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const rd = rand(32), rs1 = rand(32), rs2 = rand(32);
    const edge = [0, -1, 1, 0x7ff, -0x800];
    const imm12 = i < edge.length ? edge[i] : rand(4096) - 2048;
    let w = row.match;
    switch (row.format) {
      case 'R': case 'AMO': w |= field(rd, 7, 5) | field(rs1, 15, 5) | field(rs2, 20, 5); break;
      case 'I': case 'LOAD': case 'JALR': w |= field(rd, 7, 5) | field(rs1, 15, 5) | field(imm12, 20, 12); break;
      case 'SHIFT': w |= field(rd, 7, 5) | field(rs1, 15, 5) | field(rand(32), 20, 5); break;
      case 'STORE': w |= field(rs1, 15, 5) | field(rs2, 20, 5) | field(imm12 >> 5, 25, 7) | field(imm12, 7, 5); break;
      case 'BRANCH': {
        const off = (rand(4096) - 2048) * 2;
        w |= field(rs1, 15, 5) | field(rs2, 20, 5) | field(off >> 12, 31, 1) | field(off >> 5, 25, 6) | field(off >> 1, 8, 4) | field(off >> 11, 7, 1);
        break;
      }
      case 'U': w |= field(rd, 7, 5) | field(i === 0 ? 0xfffff : rand(1 << 20), 12, 20); break;
      case 'JAL': {
        const off = (rand(1 << 20) - (1 << 19)) * 2;
        w |= field(rd, 7, 5) | field(off >> 20, 31, 1) | field(off >> 1, 21, 10) | field(off >> 11, 20, 1) | field(off >> 12, 12, 8);
        break;
      }
      case 'CSR': w |= field(rd, 7, 5) | field(rs1, 15, 5) | field(rand(4096), 20, 12); break;
      case 'CSRI': w |= field(rd, 7, 5) | field(rand(32), 15, 5) | field(rand(4096), 20, 12); break;
      case 'FENCE': w |= field(1 + rand(15), 24, 4) | field(1 + rand(15), 20, 4); break;
      case 'LR': case 'HLV': w |= field(rd, 7, 5) | field(rs1, 15, 5); break;
      case 'HSV': case 'SFENCE': w |= field(rs1, 15, 5) | field(rs2, 20, 5); break;
      case 'NONE': break;
    }
    if (row.format === 'LR' || row.format === 'AMO') w |= field(rand(4), 25, 2);
    out.push(w >>> 0);
  }
  return out;
}

/** Encodings of a compressed row: random bits outside its mask, kept when they decode to it. */
function samples16(row: CompressedSpec, rand: (n: number) => number, count: number): number[] {
  const out: number[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const w = (row.match | (rand(0x10000) & ~row.mask)) & 0xffff;
    const d = decode(w);
    if (d.spec === row) out.push(w);
  }
  return out;
}

function roundTrip(words: number[], length: 2 | 4, aliases: boolean, rvc: boolean): void {
  const lines: string[] = [];
  words.forEach((w, i) => {
    const pc = BASE + i * length;
    const text = disassemble(w, pc, { aliases, printAddress: (a) => `. ${a >= pc ? '+' : '-'} ${Math.abs(a - pc)}` });
    lines.push(`    ${text}`);
  });
  const source = `    .option ${rvc ? 'rvc' : 'norvc'}\n${lines.join('\n')}\n`;
  const r = assemble([{ path: 'roundtrip.s', text: source }], { textBase: BASE });
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  assert.deepStrictEqual(errors, [], source);
  const text = r.sections.find((s) => s.name === '.text');
  assert.ok(text, 'no .text');
  for (let i = 0; i < words.length; i++) {
    const got: number = length === 2 ? text.data[i * 2] | (text.data[i * 2 + 1] << 8)
      : (text.data[i * 4] | (text.data[i * 4 + 1] << 8) | (text.data[i * 4 + 2] << 16) | (text.data[i * 4 + 3] << 24)) >>> 0;
    if (got !== words[i]) {
      assert.fail(`'${lines[i].trim()}' (0x${words[i].toString(16)}) assembled to 0x${(got >>> 0).toString(16)}`);
    }
  }
}

/**
 * Aliases of compressed words: objdump prints c.addi16sp as `add sp,sp,-32` and c.jal as `jal`,
 * which GNU as assembles to c.addi and a 4-byte jal. The round trip keeps the operation and its
 * operands, not always the encoding, so each word is checked by what it decodes to.
 */
function roundTripAliasesByMeaning(words: number[]): void {
  for (const w of words) {
    const text = disassemble(w, BASE, { aliases: true, printAddress: (a) => `. ${a >= BASE ? '+' : '-'} ${Math.abs(a - BASE)}` });
    const r = assemble([{ path: 'roundtrip.s', text: `    ${text}\n` }], { textBase: BASE });
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    assert.deepStrictEqual(errors, [], text);
    const t = r.sections.find((s) => s.name === '.text');
    assert.ok(t);
    const bits = (t.data[0] | (t.data[1] << 8) | ((t.data[2] ?? 0) << 16) | ((t.data[3] ?? 0) << 24)) >>> 0;
    const a = decode(w), b = decode(bits);
    const f = specOf(a.op)?.format ?? 'NONE';
    const has = (list: string[]): boolean => list.includes(f);
    const fields = (d: typeof a): number[] => [
      d.op,
      has(['R', 'I', 'SHIFT', 'LOAD', 'U', 'JAL', 'JALR', 'CSR', 'CSRI', 'LR', 'AMO', 'HLV']) ? d.rd : 0,
      has(['U', 'JAL', 'NONE', 'FENCE']) ? 0 : d.rs1,
      has(['R', 'STORE', 'BRANCH', 'AMO', 'SFENCE', 'HSV']) ? d.rs2 : 0,
      has(['R', 'NONE', 'LR', 'AMO', 'SFENCE', 'HLV', 'HSV']) ? 0 : d.imm,
    ];
    assert.deepStrictEqual(fields(b), fields(a), `'${text}' (0x${w.toString(16)})`);
  }
}

describe('asm: disassemble -> assemble round trip over the ISA table', () => {
  const rand = rng(20240601);
  for (const row of INSTRUCTIONS) {
    const words = samples32(row, rand, 40).filter((w) => decode(w).spec === row);
    it(`${row.name} (canonical and aliases)`, () => {
      assert.ok(words.length > 0, 'no valid samples');
      roundTrip(words, 4, false, false);
      roundTrip(words, 4, true, false);
    });
  }
  for (const row of COMPRESSED) {
    const words = samples16(row, rand, 40);
    it(`${row.name} (canonical and aliases)`, () => {
      assert.ok(words.length > 0, 'no valid samples');
      roundTrip(words, 2, false, true);
      roundTripAliasesByMeaning(words);
    });
  }
});
