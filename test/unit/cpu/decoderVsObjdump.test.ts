import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { decode } from '../../../src/engine/isa/decoder';
import { Op } from '../../../src/engine/isa/opcodes';
import { INSTRUCTIONS } from '../../../src/engine/isa/instructions';

/**
 * The decoder against GNU objdump: every 16-bit encoding, and random 32-bit ones, must decode to
 * the instruction objdump names (or be illegal where objdump knows no instruction of ours).
 */

const ours = new Set<string>([...INSTRUCTIONS.map((s) => s.name)]);

/**
 * objdump's mnemonic for each instruction of a little-endian blob (-M no-aliases). The blob
 * replaces the .text of an object assembled for rv32imac_zicsr_zifencei_h, so objdump decodes
 * with exactly the extensions Hyperstep implements.
 */
function objdumpMnemonics(blob: Uint8Array): Map<number, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-od-'));
  try {
    const src = path.join(dir, 'x.s'), obj = path.join(dir, 'x.o'), bin = path.join(dir, 'x.bin');
    fs.writeFileSync(src, `.rept ${blob.length / 2}\nc.nop\n.endr\n`);
    fs.writeFileSync(bin, blob);
    execFileSync('riscv64-unknown-elf-as', ['-march=rv32imac_zicsr_zifencei_h', '-mabi=ilp32', src, '-o', obj]);
    execFileSync('riscv64-unknown-elf-objcopy', ['--update-section', `.text=${bin}`, obj]);
    const out = execFileSync('riscv64-unknown-elf-objdump', ['-d', '-M', 'no-aliases', obj],
      { maxBuffer: 1 << 28, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const map = new Map<number, string>();
    for (const line of out.split('\n')) {
      const m = /^\s*([0-9a-f]+):\s+[0-9a-f]+\s+(\S+)/.exec(line);
      if (m) map.set(parseInt(m[1], 16), m[2]);
    }
    return map;
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}

describe('decoder vs GNU objdump', function () {
  this.timeout(120000);

  it('decodes every compressed encoding as objdump does (RV32C, no F/D)', () => {
    const values: number[] = [];
    for (let v = 0; v < 0x10000; v++) if ((v & 3) !== 3) values.push(v);
    const blob = new Uint8Array(values.length * 2);
    values.forEach((v, i) => { blob[2 * i] = v & 0xff; blob[2 * i + 1] = v >>> 8; });
    const names = objdumpMnemonics(blob);
    const mismatches: string[] = [];
    values.forEach((v, i) => {
      const ref = names.get(2 * i) ?? '?';
      const d = decode(v);
      // objdump knows F/D compressed loads/stores; we have no F/D, so they must be illegal here.
      // c.unimp (0x0000) is the defined illegal instruction; shifts with shamt[5] set are RV64-only
      // encodings that objdump prints for RV32 but QEMU rejects as illegal, as we do.
      const rv64Shift = /^c\.s(ll|rl|ra)i$/.test(ref) && (v & 0x1000) !== 0;
      // c.addi16sp with a zero immediate is reserved: objdump prints it, QEMU raises illegal (checked).
      const reservedAddi16sp = ref === 'c.addi16sp' && (v & 0x107c) === 0;
      const refIsOurs = ref.startsWith('c.') && !/^c\.f(l|s)[wd]/.test(ref) && ref !== 'c.unimp' && !rv64Shift && !reservedAddi16sp;
      const mine = d.op === Op.ILLEGAL ? 'illegal' : d.spec?.name ?? '?';
      const expected = refIsOurs ? ref : 'illegal';
      // c.nop / c.addi and hints: objdump names rd=x0 forms c.nop; our table expands them to addi.
      const same = mine === expected || (expected === 'c.nop' && mine === 'c.addi') ||
        mine === expected.replace(/64$/, ''); // c.slli64/c.srli64/c.srai64: shift-by-0 hints
      if (!same) mismatches.push(`${v.toString(16).padStart(4, '0')}: objdump ${ref}, ours ${mine}`);
    });
    assert.deepStrictEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
  });

  it('decodes random 32-bit encodings as objdump does', () => {
    const samples = fc.sample(fc.integer({ min: 0, max: 0xffffffff }), { numRuns: 20000, seed: 42 }).map((v) => (v | 3) >>> 0)
      // Encodings with bits 4:2 = 111 start 48/64-bit instructions: not 32-bit ones.
      .filter((v) => (v & 0x1f) !== 0x1f);
    // Bias towards the opcodes we implement so every row is exercised.
    for (const s of INSTRUCTIONS) for (let k = 0; k < 8; k++) samples.push(((s.match | (samples[k] & ~s.mask)) >>> 0));
    const blob = new Uint8Array(samples.length * 4);
    const dv = new DataView(blob.buffer);
    samples.forEach((v, i) => dv.setUint32(4 * i, v, true));
    const names = objdumpMnemonics(blob);
    const mismatches: string[] = [];
    samples.forEach((v, i) => {
      const ref = names.get(4 * i) ?? '?';
      const d = decode(v);
      const mine = d.op === Op.ILLEGAL ? 'illegal' : d.spec?.name ?? '?';
      // objdump decodes many extensions we do not have (F, D, Q, V, B, K...): those must be illegal.
      const refBase = ref.replace(/\.(aq|rl|aqrl)$/, '');
      const expected = ours.has(refBase) ? refBase : 'illegal';
      // fence/fence.i with non-zero reserved fields: objdump shows .4byte, QEMU executes them
      // (the fields are reserved for future use and ignored), and so do we.
      const reservedFence = (v & 0x707f) === 0x000f || (v & 0x707f) === 0x100f;
      // Shifts with shamt[5] set: objdump prints them even for RV32; QEMU raises illegal, as we do.
      const rv64Shift = /^s(ll|rl|ra)i$/.test(ref) && (v & 0x02000000) !== 0 && mine === 'illegal';
      if (mine !== expected && !rv64Shift && !(reservedFence && (mine === 'fence' || mine === 'fence.i'))) mismatches.push(`${v.toString(16).padStart(8, '0')}: objdump ${ref}, ours ${mine}`);
    });
    assert.deepStrictEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
  });
});
