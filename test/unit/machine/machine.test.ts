import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Machine } from '../../../src/engine/machine/machine';
import { parseElf } from '../../../src/engine/loader/elf';
import { collectOutput, DRAM, machineWith } from '../../support/machineFixture';

const BENCH = path.resolve(__dirname, '../../../../../shared/bench/cpu-10.elf');

/** A loop that prints a counter on the UART and exits through the finisher. */
const COUNTER = `
      li s0, 0
      li s1, 5
      li t0, 0x10000000
    loop:
      addi s0, s0, 1
      addi a0, s0, '0'
      sb a0, 0(t0)
      la t1, data
      sw s0, 0(t1)
      blt s0, s1, loop
      li t0, 0x100000
      li t1, 0x3333 | (7 << 16)
      sw t1, 0(t0)
    spin:
      j spin
      .balign 64
    data:
      .word 0`;

describe('machine API', () => {
  it('step(n) retires exactly n instructions', () => {
    const m = machineWith(COUNTER);
    const h = m.harts[0];
    const start = h.retired;
    for (const n of [1, 2, 3, 10]) {
      const before = h.retired;
      m.step(0, n);
      assert.strictEqual(h.retired - before, n);
    }
    assert.strictEqual(h.retired - start, 16);
  });

  it('runs to the finisher and reports the exit code', () => {
    const m = machineWith(COUNTER);
    const out = collectOutput(m);
    const r = m.run(10_000);
    assert.deepStrictEqual(r, { kind: 'exit', code: 7 });
    assert.strictEqual(out.text(), '12345');
  });

  it('stops at a breakpoint before executing it, and resumes past it', () => {
    const m = machineWith(COUNTER);
    const loop = DRAM + 8; // after c.li s0 (2 bytes), c.li s1 (2) and lui t0 (4)
    m.breakpoints.set([loop]);
    const r1 = m.run(10_000);
    assert.strictEqual(r1.kind, 'breakpoint');
    assert.strictEqual(m.harts[0].pc >>> 0, loop);
    const retired = m.harts[0].retired;
    const r2 = m.run(10_000);
    assert.strictEqual(r2.kind, 'breakpoint');
    assert.strictEqual(m.harts[0].retired - retired, 7, 'one trip round the 7-instruction loop');
    m.breakpoints.set([]);
    assert.strictEqual(m.run(10_000).kind, 'exit');
  });

  it('stops at a breakpoint on a 32-bit instruction that straddles two pages, and resumes past it', () => {
    const m = machineWith(`
      .option norvc
      li s0, 0
      j straddle
      .org 0xffe
    straddle:
      addi s0, s0, 7          # halves on two pages
      addi s0, s0, 1
      li t0, 0x100000
      li t1, 0x5555
      sw t1, 0(t0)`);
    const at = DRAM + 0xffe;
    m.breakpoints.set([at]);
    assert.strictEqual(m.run(10_000).kind, 'breakpoint');
    assert.strictEqual(m.harts[0].pc >>> 0, at);
    assert.strictEqual(m.harts[0].x[8], 0, 'stopped before the instruction');
    m.breakpoints.set([at, at + 4]);
    assert.strictEqual(m.run(10_000).kind, 'breakpoint');
    assert.strictEqual(m.harts[0].pc >>> 0, at + 4);
    assert.strictEqual(m.harts[0].x[8], 7);
  });

  it('on a page with breakpoints, code the program rewrites runs as rewritten, and a breakpoint on it still stops', () => {
    // The second call of `site` runs "li a0, 2", stored over "li a0, 1" and fenced.
    const program = `
      .option norvc
      li s0, 0
      la t0, site
      lw t1, replacement
    again:
      jal ra, site
      add s0, s0, a0
      sw t1, 0(t0)
      fence.i
      li t2, 3
      blt s0, t2, again
      li t0, 0x100000
      li t1, 0x5555
      sw t1, 0(t0)
      .org 0x100
    site:
      li a0, 1
      ret
    replacement:
      li a0, 2`;
    const site = DRAM + 0x100;
    const m = machineWith(program);
    m.breakpoints.set([DRAM + 0x800]); // on the page, never reached
    assert.strictEqual(m.run(10_000).kind, 'exit');
    assert.strictEqual(m.harts[0].x[8], 1 + 2, 'the first call returned 1, the rewritten one 2');
    const b = machineWith(program);
    b.breakpoints.set([site]);
    for (const expected of [1, 2]) {
      assert.strictEqual(b.run(10_000).kind, 'breakpoint');
      assert.strictEqual(b.harts[0].pc >>> 0, site);
      b.step(0, 1);
      assert.strictEqual(b.harts[0].x[10], expected, `call ${expected}: a0 after the instruction under the breakpoint`);
    }
    assert.strictEqual(b.run(10_000).kind, 'exit');
  });

  it('stops on a watchpoint after the access, with the value written', () => {
    const m = machineWith(COUNTER);
    const data = findDataAddress(m);
    m.watchpoints.set([{ id: 1, addr: data, size: 4, access: 'write' }]);
    const r = m.run(10_000);
    assert.strictEqual(r.kind, 'watchpoint');
    if (r.kind === 'watchpoint') { assert.strictEqual(r.value, 1); assert.strictEqual(r.addr, data); assert.ok(r.write); }
    const r2 = m.run(10_000);
    assert.strictEqual(r2.kind, 'watchpoint');
    if (r2.kind === 'watchpoint') assert.strictEqual(r2.value, 2);
  });

  it('snapshot/restore replays exactly: same output, same instruction count', () => {
    const elf = parseElf(new Uint8Array(fs.readFileSync(BENCH)), BENCH);
    const m = new Machine();
    m.load(elf);
    const out = collectOutput(m);
    m.run(1_000_000);
    const snap = m.snapshot();
    const mid = out.text();
    const r1 = m.run();
    const end1 = out.text().slice(mid.length), n1 = m.instructions, pc1 = m.harts[0].pc;
    m.restore(snap);
    const before = out.text().length;
    const r2 = m.run();
    assert.deepStrictEqual(r2, r1);
    assert.strictEqual(out.text().slice(before), end1);
    assert.strictEqual(m.instructions, n1);
    assert.strictEqual(m.harts[0].pc, pc1);
    assert.strictEqual(end1.split('\n')[0], 'af0e0c37', 'the workload README checksum');
  });

  it('gives a clear error for images outside memory', () => {
    const m = new Machine({ memory: 1 << 20 });
    assert.throws(() => m.load({ entry: 0x1000, segments: [], symbols: [], sections: [], eFlags: 0 }), /entry point 0x1000 is outside memory/);
    assert.throws(() => m.load({ entry: DRAM, segments: [{ vaddr: 0x90000000, paddr: 0x90000000, data: new Uint8Array(4), memsz: 4, flags: 5 }], symbols: [], sections: [], eFlags: 0 }), /segment at 0x90000000.*outside memory/);
  });

  it('a trap loop with no progress still returns when the budget is spent', () => {
    const m = machineWith('j .');
    const h = m.harts[0];
    h.mtvec = 0x20000000; // nothing there: every fetch faults, and the handler is the same address
    h.x[1] = 0;
    h.pc = 0x20000000;
    const r = m.run(1000);
    assert.strictEqual(r.kind, 'budget');
    assert.strictEqual(h.mcause, 1);
  });
});

/** The `data` word's address: the program stores s0 there (found by watching the store's address). */
function findDataAddress(m: Machine): number {
  const probe = m.snapshot();
  let addr = 0;
  const h = m.harts[0];
  for (let i = 0; i < 100 && !addr; i++) {
    m.step(0, 1);
    if (h.x[6] >>> 0 >= DRAM && (h.x[6] & 63) === 0) addr = h.x[6] >>> 0; // t1 = la data
  }
  m.restore(probe);
  return addr;
}

describe('debugger access', () => {
  it('reads and writes CSRs as M-mode without changing the privilege', () => {
    const m = machineWith('nop');
    const h = m.harts[0];
    h.priv = 1;
    assert.strictEqual(m.readCsr(0, 0xf14), 0, 'mhartid');
    assert.strictEqual(m.writeCsr(0, 0x340, 0x1234), true, 'mscratch');
    assert.strictEqual(h.mscratch, 0x1234);
    assert.strictEqual(m.readCsr(0, 0x7c0), undefined, 'no such CSR');
    assert.strictEqual(m.writeCsr(0, 0xf14, 1), false, 'read-only');
    assert.strictEqual(h.priv, 1);
  });

  it('writes memory and the next execution sees the new instruction', () => {
    const m = machineWith(`
      li a0, 1
      li a0, 2
      j .`);
    // Replace the second li (c.li a0,2 = 0x4509) with c.li a0,7 (0x451d) after the first ran.
    m.step(0, 1);
    const h = m.harts[0];
    const at = h.pc >>> 0;
    assert.deepStrictEqual(Array.from(m.readMemory(at, 2)), [0x09, 0x45]);
    assert.strictEqual(m.writeMemory(at, new Uint8Array([0x1d, 0x45])), 2);
    m.step(0, 1);
    assert.strictEqual(h.x[10], 7);
  });

  it('stops reading at device registers (reading them could change them)', () => {
    const m = machineWith('nop');
    assert.strictEqual(m.readMemory(0x10000000, 4).length, 0, 'UART RBR is not read');
    assert.strictEqual(m.readMemory(0x1000, 4).length, 4, 'the boot ROM is memory');
  });
});

describe('shadow call stack', () => {
  it('records calls, returns and traps as they retire', () => {
    const m = machineWith(`
      .option norvc
      li sp, 0x80008000
      la t0, handler
      csrw mtvec, t0
      call f
      j .
    f:
      addi sp, sp, -16
      sw ra, 0(sp)
      call g
      lw ra, 0(sp)
      addi sp, sp, 16
      ret
    g:
      ecall
      ret
      .align 2
    handler:
      csrr t0, mepc
      addi t0, t0, 4
      csrw mepc, t0
      mret`);
    const h = m.harts[0];
    const depthAt: number[] = [];
    for (let i = 0; i < 40; i++) { m.step(0, 1); depthAt.push(h.calls.depth); }
    // call f (1), call g (2), ecall -> trap frame (3), mret (2), ret (1), ret (0)
    const changes = depthAt.filter((d, i) => i === 0 || d !== depthAt[i - 1]);
    assert.deepStrictEqual(changes, [0, 1, 2, 3, 2, 1, 0]);
  });
});

describe('timer deadlines', () => {
  it('an interrupt armed during a busy loop arrives at its tick, not at the end of a slice', () => {
    const m = machineWith(`
      la t0, handler
      csrw mtvec, t0
      li t0, 0x200bff8
      lw t1, 0(t0)            # mtime (low word; the high word stays 0 here)
      addi t1, t1, 100        # 100 ticks = 10,000 instructions at 100 instructions per tick
      li t0, 0x2004000
      sw zero, 4(t0)
      sw t1, 0(t0)            # mtimecmp = mtime + 100
      li t0, 0x80
      csrw mie, t0
      csrsi mstatus, 8
      li a0, 0
    spin:
      addi a0, a0, 1
      j spin
      .align 2
    handler:
      j handler`);
    const h = m.harts[0];
    m.run(200_000);
    assert.strictEqual(h.mcause >>> 0, 0x80000007);
    // About 10,000 instructions of a two-instruction loop: ~5,000 iterations, give or take a tick.
    assert.ok(h.x[10] > 4900 && h.x[10] < 5050, `iterations before the interrupt: ${h.x[10]}`);
  });
});
