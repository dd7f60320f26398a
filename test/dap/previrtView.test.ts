/**
 * The debugger's view of a previrtualized program: every instruction of a `priv` hypercall
 * sequence shows the instruction the source wrote; a site left native says why. The pure part
 * (previrtView.ts) directly, and the disassemble request of an adapter running a
 * previrtualized ELF.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { assemble } from '../../src/engine/asm';
import { PrevirtIndex } from '../../src/engine/loader/previrtNotes';
import { annotatePrevirtualized, previrtAnnotation } from '../../src/debugAdapter/previrtView';
import { launchAndStop, startClient } from './support';

const SOURCE = `
  .globl _start
_start:
  li a0, 1
site:
  csrw stvec, a0
after:
  sret
native:
  csrrw sp, sscratch, sp
  j _start
`;

function build(): { elf: Uint8Array; index: PrevirtIndex; sym: (n: string) => number } {
  const r = assemble([{ path: 'guest.s', text: SOURCE }], { previrtualize: true });
  assert.ok(r.elf && r.previrt, r.diagnostics.map((d) => d.message).join('\n'));
  return { elf: r.elf, index: new PrevirtIndex(r.previrt), sym: (n) => r.symbols.find((s) => s.name === n)!.value };
}

describe('dap: previrtualized disassembly', function () {
  this.timeout(30000);
  const { elf, index, sym } = build();

  it('marks the first line of a sequence with the original, the others with the original alone', () => {
    const site = sym('site'), after = sym('after');
    assert.strictEqual(previrtAnnotation(site, index), '⟵ previrtualized: csrw stvec,a0');
    assert.strictEqual(previrtAnnotation(site + 2, index), '⟵ csrw stvec,a0');
    assert.strictEqual(previrtAnnotation(after - 2, index), '⟵ csrw stvec,a0');
    assert.strictEqual(previrtAnnotation(after, index), '⟵ previrtualized: sret');
    assert.strictEqual(previrtAnnotation(sym('native'), index), '⟵ not previrtualized: reads or writes sp, so the sequence cannot use the stack');
    assert.strictEqual(previrtAnnotation(sym('_start'), index), undefined);
    assert.strictEqual(previrtAnnotation(sym('native') + 4, index), undefined);
    const insn: DebugProtocol.DisassembledInstruction = { address: '0x0', instruction: 'add\tsp,sp,-16' };
    annotatePrevirtualized(insn, site, index);
    assert.strictEqual(insn.instruction, 'add\tsp,sp,-16  ⟵ previrtualized: csrw stvec,a0');
    const outside: DebugProtocol.DisassembledInstruction = { address: '0x0', instruction: 'li\ta0,1' };
    annotatePrevirtualized(outside, sym('_start'), index);
    assert.strictEqual(outside.instruction, 'li\ta0,1');
  });

  describe('through the adapter', () => {
    let dc: DebugClient;
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-previrt-dap-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    beforeEach(async () => { dc = await startClient(); });
    afterEach(async () => { await dc.stop(); });

    it('annotates every instruction of each sequence of a previrtualized ELF', async () => {
      const file = path.join(dir, 'guest.elf');
      fs.writeFileSync(file, elf);
      await launchAndStop(dc, { program: file, stopOnEntry: true });
      const r = await dc.disassembleRequest({ memoryReference: '0x' + sym('_start').toString(16), instructionCount: 32 });
      const ins = r.body!.instructions;
      const at = (a: number): DebugProtocol.DisassembledInstruction => ins.find((i) => Number(i.address) === a)!;
      assert.strictEqual(at(sym('_start')).instruction, 'li\ta0,1');
      assert.strictEqual(at(sym('site')).instruction, 'add\tsp,sp,-16  ⟵ previrtualized: csrw stvec,a0');
      const inSite = ins.filter((i) => Number(i.address) > sym('site') && Number(i.address) < sym('after'));
      assert.strictEqual(inSite.length, 13);
      assert.ok(inSite.every((i) => i.instruction.endsWith('  ⟵ csrw stvec,a0')), inSite.map((i) => i.instruction).join('\n'));
      assert.match(at(sym('after')).instruction, /  ⟵ previrtualized: sret$/);
      assert.match(at(sym('native')).instruction, /^csrrw\tsp,sscratch,sp  ⟵ not previrtualized/);
    });
  });
});
