import * as assert from 'assert';
import { machineWith, DRAM } from '../../support/machineFixture';
import { PRV_M, PRV_S } from '../../../src/engine/cpu/hart';

/**
 * The host (V=0) and guest (V=1) contexts of a hart with H: breakpoints and watchpoints bind to
 * one context, and each virtualization mode keeps its own fast TLB across VM exits and entries.
 *
 * The program runs the same code at the same numeric address in both contexts: M-mode runs
 * `work`, then enters VS-mode at `work` (hgatp and vsatp Bare, so the guest's addresses are the
 * host's), and the guest's ecall exits back to M-mode, which enters the guest again.
 */
const PROGRAM = `
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
  la t0, exit
  csrw mtvec, t0
  j work                  # the host runs work once; its ecall (cause 11) enters the guest
  .org 0x100
work:
  la t1, data
  lw t2, 0(t1)
  addi t2, t2, 1
  sw t2, 0(t1)
  ecall                   # from VS: cause 10 to M (not delegated); from M: cause 11
  j work
exit:                     # every ecall (re)enters the guest at work: mret with MPP = S, MPV = 1
  li t0, 0x1800
  csrc mstatus, t0
  li t0, 0x800
  csrs mstatus, t0
  li t0, 0x80
  csrs mstatush, t0
  la t0, work
  csrw mepc, t0
  mret
  .org 0x200
data: .word 0
`;

const H = { hypervisor: true, march: 'rv32imac_zicsr_zifencei_h' };

const WORK = DRAM + 0x100, DATA = DRAM + 0x200;

describe('hart contexts: host vs guest breakpoints, watchpoints and fast TLBs', () => {
  it('a guest breakpoint stops only with V=1; a host breakpoint at the same address only with V=0', () => {
    const m = machineWith(PROGRAM, H);
    const h = m.harts[0];
    m.guestBreakpoints.set([WORK]);
    let r = m.run(10_000);
    assert.strictEqual(r.kind, 'breakpoint');
    assert.strictEqual(h.pc >>> 0, WORK);
    assert.strictEqual(h.virt, true, 'the host ran `work` first without stopping');
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(m.readMemory(DATA, 1)[0], 1, 'the host pass incremented data once');

    const n = machineWith(PROGRAM, H);
    const g = n.harts[0];
    n.breakpoints.set([WORK]);
    r = n.run(10_000);
    assert.strictEqual(r.kind, 'breakpoint');
    assert.strictEqual(g.virt, false);
    assert.strictEqual(g.priv, PRV_M);
    // After the host's pass the guest runs `work` again and again: the host breakpoint never fires.
    r = n.run(10_000);
    assert.strictEqual(r.kind, 'budget');
    assert.ok(n.readMemory(DATA, 1)[0] > 10, 'the guest ran work many times');
  });

  it("a guest watchpoint fires only on the guest's access", () => {
    const m = machineWith(PROGRAM, H);
    m.guestWatchpoints.set([{ addr: DATA, size: 4, access: 'write', id: 7 }]);
    const r = m.run(10_000);
    assert.strictEqual(r.kind, 'watchpoint');
    assert.strictEqual(m.harts[0].virt, true);
    assert.strictEqual(r.kind === 'watchpoint' ? r.value : -1, 2, "the host's store (1) did not stop; the guest's (2) did");
  });

  it("VM exits and entries keep each mode's fast TLB, and translations stay right", () => {
    const m = machineWith(PROGRAM, H);
    const h = m.harts[0];
    m.run(2_000);
    const passes = m.readMemory(DATA, 4);
    const count = passes[0] | (passes[1] << 8);
    assert.ok(h.trapCounts[10] > 50, `guest ecalls: ${h.trapCounts[10]}`);
    // One host pass, then one per guest ecall, plus the guest pass in progress if it has stored already.
    const inPass = h.virt && (h.pc >>> 0) > WORK + 12 && (h.pc >>> 0) < WORK + 0x40 ? 1 : 0;
    assert.strictEqual(count, 1 + h.trapCounts[10] + inPass, 'every pass counted once');
    while (!h.virt) m.step(0, 1);
    m.step(0, 2);
    assert.strictEqual(h.tlb, h.guestTlb);
    assert.ok(h.hostTlb.xTag.some((t) => t !== -1), 'the VM entry did not flush the host bank');
    assert.strictEqual(h.hostTlb.modeTag & 7, PRV_M);
  });
});
