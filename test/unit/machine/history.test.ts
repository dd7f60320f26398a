import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Machine } from '../../../src/engine/machine/machine';
import { parseElf } from '../../../src/engine/loader/elf';
import { collectOutput, machineWith } from '../../support/machineFixture';

const BENCH = path.resolve(__dirname, '../../../../../shared/bench/cpu-10.elf');

/** The observable state: every hart's registers, pc, privilege, CSRs of interest, RAM. */
function fingerprint(m: Machine): string {
  const h = m.harts[0];
  const hash = crypto.createHash('sha1').update(m.bus.ram).digest('hex');
  return JSON.stringify({ x: Array.from(h.x.subarray(0, 32)), pc: h.pc, priv: h.priv, mstatus: h.mstatus, mepc: h.mepc, retired: h.retired, executed: m.executed, ram: hash });
}

function benchMachine(): Machine {
  const m = new Machine({ memory: 16 << 20 });
  m.load(parseElf(new Uint8Array(fs.readFileSync(BENCH)), BENCH));
  return m;
}

describe('time travel (History)', function () {
  this.timeout(60000);

  it('seek(t) reproduces the exact state at t, backwards and forwards', () => {
    const m = benchMachine();
    const hist = m.enableHistory({ interval: 50_000 });
    const seen = new Map<number, string>();
    for (const n of [1, 7, 1000, 33_333, 50_000, 77_777, 200_000, 400_001]) {
      m.run(n - m.executed);
      seen.set(m.executed, fingerprint(m));
    }
    for (const t of [77_777, 1, 400_001, 50_000, 1000, 200_000, 33_333, 7]) {
      hist.seek(t);
      assert.strictEqual(fingerprint(m), seen.get(t), `state at ${t}`);
    }
  });

  it('stepping back one instruction at a time retraces a forward run exactly', () => {
    const m = benchMachine();
    const hist = m.enableHistory({ interval: 10_000 });
    m.run(25_000);
    const forward: string[] = [];
    for (let i = 0; i < 30; i++) { forward.push(fingerprint(m)); m.step(0, 1); }
    for (let i = 29; i >= 0; i--) {
      hist.seek(m.executed - 1);
      assert.strictEqual(fingerprint(m), forward[i], `back to step ${i}`);
    }
  });

  it('re-execution does not repeat console output, and a run after seeking prints the same', () => {
    const m = benchMachine();
    const out = collectOutput(m);
    const hist = m.enableHistory({ interval: 100_000 });
    m.run(2_700_000); // the checksum line is printed after this point
    const mid = m.executed, atMid = out.text();
    const r1 = m.run();
    const full = out.text();
    assert.ok(full.length > atMid.length, 'output after mid');
    hist.seek(mid);
    assert.strictEqual(out.text(), full, 'seeking printed nothing');
    const r2 = m.run();
    assert.deepStrictEqual(r2, r1);
    assert.strictEqual(out.text(), full + full.slice(atMid.length), 'the same output again, once');
  });

  it('replays recorded UART input at the same positions', () => {
    const m = machineWith(`
      li t0, 0x10000000
    1: lbu t1, 5(t0)
      andi t1, t1, 1
      beqz t1, 1b
      lbu a0, 0(t0)
      addi a0, a0, 1
      sb a0, 0(t0)
      j 1b`);
    const out = collectOutput(m);
    const hist = m.enableHistory({ interval: 500 });
    m.run(2000);
    const before = m.executed;
    m.sendInput([65]); // 'A' -> prints 'B'
    m.run(3000);
    m.sendInput([72]); // 'H' -> prints 'I'
    m.run(3000);
    const end = m.executed, printed = out.text();
    assert.strictEqual(printed, 'BI');
    const state = fingerprint(m);
    hist.seek(before - 10);
    hist.seek(end);
    assert.strictEqual(fingerprint(m), state);
    assert.strictEqual(out.text(), printed, 'nothing printed during replay');
  });

  it('reverseContinue goes back to the previous breakpoint hit', () => {
    const m = machineWith(`
      li s0, 0
    loop:
      addi s0, s0, 1
      nop
      j loop`);
    const hist = m.enableHistory({ interval: 100 });
    const h = m.harts[0];
    const loopAt = (h.pc >>> 0) + 2; // after c.li
    m.breakpoints.set([loopAt]);
    for (let i = 0; i < 5; i++) m.run(10_000); // stops at the loop head 5 times
    assert.strictEqual(h.x[8], 4);
    const r = hist.reverseContinue();
    assert.strictEqual(r.kind, 'breakpoint');
    assert.strictEqual(h.x[8], 3, 'the previous hit');
    assert.strictEqual(h.pc >>> 0, loopAt);
    m.breakpoints.set([]);
    const r2 = hist.reverseContinue();
    assert.strictEqual(r2.kind, 'start');
    assert.strictEqual(m.executed, hist.earliest());
  });

  it('bounds the memory it keeps by dropping the oldest checkpoints', () => {
    const m = benchMachine();
    const hist = m.enableHistory({ interval: 20_000, maxBytes: 64 * 4096 });
    m.run(2_000_000);
    assert.ok(hist.bytes <= 64 * 4096 + 40 * 4096, `kept ${hist.bytes} bytes`);
    assert.ok(hist.earliest() > 0, 'the oldest checkpoints were dropped');
    const t = hist.earliest() + 5;
    hist.seek(t);
    assert.strictEqual(m.executed, t);
  });
});
