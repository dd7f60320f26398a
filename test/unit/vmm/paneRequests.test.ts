import { EXIT_REASONS } from '../../../src/engine/vmm';
import * as assert from 'assert';
import type { ElfImage } from '../../../src/engine/loader/elf';
import type { Vm } from '../../../src/engine/vmm';
import type { DevicesResponse, ExitsResponse, PageTablesResponse, VcpusResponse } from '../../../src/debugAdapter/paneProtocol';
import { PaneRequestError, PaneRequests } from '../../../src/debugAdapter/paneRequests';
import { guestImage, runGuests, VmmRun } from '../../support/vmmGuest';

/**
 * The panes' data (hyperstep/* requests) on real VMM runs of small guests built with GNU as/ld:
 * every value checked follows from what the guest did (the addresses come from the ELF's
 * symbols, the page tables from the PTEs the guest wrote, the G-stage leaves from the VM's P2M).
 */

const sym = (image: ElfImage, name: string): number => {
  const s = image.symbols.find((x) => x.name === name);
  if (!s) throw new Error(`no symbol ${name}`);
  return s.value >>> 0;
};

/** Two vCPUs: vCPU 0 starts vCPU 1, both print through the legacy SBI console. */
const TWO_VCPUS = `
  .globl _start
_start:
  bnez a0, secondary
  la sp, stack_top
  li a0, 1
  la a1, secondary
  li a2, 0
  SBI EID_HSM, 0
  li s0, 4
1:li a0, 'A'
  call putc
  addi s0, s0, -1
  bnez s0, 1b
2:j 2b
secondary:
  la sp, stack1_top
  li a0, 'B'
  call putc
  call shutdown
`;

/** Sv32 in the guest: a megapage for the kernel, a second-level table mapping 0x40005000. */
const PAGING = `
  .equ LEAF_RWX, 0xcf          # D A - - X W R V
  .equ LEAF_RW, 0xc7           # D A - - - W R V
  .globl _start
_start:
  la sp, stack_top
  la s0, root
  li t0, (0x80400000 >> 12) << 10 | LEAF_RWX
  li t1, 0x201 * 4
  add t1, s0, t1
  sw t0, 0(t1)                 # root[0x201]: 0x80400000.. identity megapage
  la t2, l0
  srli t0, t2, 12
  slli t0, t0, 10
  ori t0, t0, 1
  sw t0, 0x100 * 4(s0)         # root[0x100]: pointer to l0 (0x40000000..)
  la t2, data_page
  srli t0, t2, 12
  slli t0, t0, 10
  ori t0, t0, LEAF_RW
  la t1, l0
  sw t0, 5 * 4(t1)             # l0[5]: 0x40005000 -> data_page
  srli t0, s0, 12
  li t1, 1 << 31
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  li t0, 0x40005000
  li t1, 0x1234
  sw t1, 8(t0)
  SBI EID_BASE, 0              # stop here
  call shutdown
  .data
  .align 12
root: .space 4096
l0: .space 4096
data_page: .space 4096
`;

/** The UART and the PLIC set up for receive interrupts to vCPU 0's S context, and an SBI timer. */
const DEVICES = `
  .globl _start
_start:
  la sp, stack_top
  li s0, 0x10000000
  li t0, 0x03
  sb t0, 3(s0)                 # LCR: 8N1
  li t0, 0x01
  sb t0, 2(s0)                 # FCR: FIFO on
  li t0, 0x5a
  sb t0, 7(s0)                 # SCR
  li t0, 0x01
  sb t0, 1(s0)                 # IER: received data available
  li s1, 0x0c000000
  li t0, 3
  sw t0, 40(s1)                # priority[10] = 3
  li t1, 0x0c002080
  li t0, 1 << 10
  sw t0, 0(t1)                 # context 1 (vCPU 0, S) enables source 10
  li t1, 0x0c201000
  li t0, 1
  sw t0, 0(t1)                 # context 1 threshold = 1
  li a0, 5000
  li a1, 0
  SBI EID_TIME, 0              # timer at guest time 5000
  SBI EID_BASE, 0              # first stop
  li t0, 1000000
1:addi t0, t0, -1
  bnez t0, 1b                  # 2M instructions: guest time passes 5000 (100 instructions a tick)
  SBI EID_BASE, 1              # second stop
  call shutdown
`;

const stopAtBase = (fid: number) => (vmm: VmmRun['vmm']): void => {
  vmm.stopAtExit = (e) => e.detail.reason === 'sbi' && e.detail.call.eid === 0x10 && e.detail.call.fid === fid;
};

describe('panes: hyperstep/* requests on real VMM runs', function () {
  this.timeout(60_000);

  it('hyperstep/vcpus: every vCPU with its state, mode, pc (located), HSM state and exits', () => {
    const image = guestImage(TWO_VCPUS);
    const located: [string, number][] = [];
    const run = runGuests([{ image, vcpus: 2 }], {
      setup: (vmm) => { vmm.stopAtExit = (e) => e.vcpu === 1 && e.detail.reason === 'sbi' && e.detail.call.eid === 1; },
    });
    assert.strictEqual(run.stop.kind, 'vm-exit');
    const panes = new PaneRequests(run.vmm, run.machine, (vm: Vm, pc: number) => {
      located.push([vm.name, pc]);
      return pc === sym(image, 'putc') + 2 ? { file: 'guest.s', line: 99 } : undefined;
    });
    const r = panes.handle('hyperstep/vcpus') as VcpusResponse;
    assert.strictEqual(r.vms.length, 1);
    const [vm] = r.vms;
    assert.strictEqual(vm.name, 'vm1');
    assert.strictEqual(vm.state, 'running');
    assert.strictEqual(vm.paging, 'nested');
    const [v0, v1] = vm.vcpus;
    assert.strictEqual(v1.name, 'vm1/vcpu1');
    assert.strictEqual(v1.state, 'running', 'vCPU 1 is on the only hart, in the VMM handling its exit');
    assert.strictEqual(v1.hart, 0);
    assert.strictEqual(v1.mode, 'VS');
    // putc is `li a7, 1` (compressed, 2 bytes) then ecall: the exit's pc is the ecall.
    assert.strictEqual(v1.pc, sym(image, 'putc') + 2);
    assert.deepStrictEqual(v1.location, { file: 'guest.s', line: 99 });
    assert.ok(located.some(([n, pc]) => n === 'vm1' && pc === v1.pc));
    assert.deepStrictEqual(v1.inExit && { reason: v1.inExit.reason, handler: v1.inExit.handler, phase: v1.inExit.phase },
      { reason: 'sbi', handler: 'sbi.console_putchar', phase: 'decode' });
    assert.strictEqual(v1.hsm, 'STARTED');
    assert.strictEqual(v0.state, 'runnable', 'one hart, two vCPUs: vCPU 0 waits for its turn');
    assert.strictEqual(v0.hart, null);
    assert.strictEqual(v0.inExit, undefined);
    assert.strictEqual(v0.hsm, 'STARTED');
    // vCPU 0 made one HSM call and printed four characters before vCPU 1 ran.
    assert.strictEqual(v0.exitsByReason.sbi, 5);
    assert.strictEqual(v1.exitsByReason.sbi, 0, 'the exit in progress is not counted until it completes');
    assert.strictEqual(vm.exitsByReason.sbi, 5);
    assert.strictEqual(run.out.vm1, 'AAAA');
    // vCPU 0 spins at `2: j 2b` after its prints: its saved pc is inside _start, above secondary.
    assert.ok(v0.pc >= sym(image, '_start') && v0.pc < sym(image, 'secondary'), `vCPU 0 pc 0x${v0.pc.toString(16)}`);
    assert.strictEqual(v0.timerDeadline, null);
  });

  it('hyperstep/pageTables: the guest table the guest wrote, the G stage from the P2M, children on demand', () => {
    const image = guestImage(PAGING);
    const run = runGuests([{ image }], { setup: stopAtBase(0) });
    assert.strictEqual(run.stop.kind, 'vm-exit');
    const vm = run.vmm.vms[0];
    const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
    const root = sym(image, 'root'), l0 = sym(image, 'l0'), data = sym(image, 'data_page');
    const r = panes.handle('hyperstep/pageTables', { vm: 'vm1' }) as PageTablesResponse;
    assert.strictEqual(r.vsatp, (0x80000000 | (root >>> 12)) >>> 0);
    assert.strictEqual(r.hgatp >>> 31, 1, 'Sv32x4');
    assert.strictEqual((r.hgatp >>> 22) & 0x7f, vm.id, 'VMID = the VM id');
    const guest = r.guest!;
    assert.strictEqual(guest.address, root);
    assert.strictEqual(guest.hostAddress, vm.memory.hostAddress(root));
    assert.deepStrictEqual(guest.entries.map((e) => e.index), [0x100, 0x201], 'only the two entries the guest wrote');
    const [ptr, mega] = guest.entries;
    assert.deepStrictEqual({ leaf: ptr.leaf, to: ptr.to, from: ptr.from, flags: ptr.flags }, { leaf: false, to: l0, from: 0x40000000, flags: '-------V' });
    assert.deepStrictEqual({ leaf: mega.leaf, to: mega.to, from: mega.from, size: mega.size, flags: mega.flags },
      { leaf: true, to: 0x80400000, from: 0x80400000, size: 0x400000, flags: 'DA--XWRV' });
    assert.strictEqual(mega.hpa, vm.memory.hostAddress(0x80400000));
    // The second level, on demand, addressed as the pointer says.
    const child = (panes.handle('hyperstep/pageTables', { vm: 1, table: { stage: 'VS', address: ptr.to, level: 0, base: ptr.from } }) as PageTablesResponse).table!;
    assert.strictEqual(child.hostAddress, vm.memory.hostAddress(l0));
    assert.deepStrictEqual(child.entries.map((e) => [e.index, e.from, e.to, e.flags, e.hpa]), [[5, 0x40005000, data, 'DA---WRV', vm.memory.hostAddress(data)]]);
    // The G stage: root entries exactly for the 4 MiB regions of guest RAM the VM has backed.
    const nested = r.nested!;
    assert.strictEqual(nested.address, run.vmm.nested.describe(vm).root);
    assert.strictEqual(nested.slots, 4096);
    const regions = new Set<number>();
    vm.memory.p2m.forEach((f, i) => { if (f >= 0) regions.add(Math.floor((vm.memory.base + i * 4096) / 0x400000)); });
    assert.deepStrictEqual(nested.entries.map((e) => e.index), [...regions].sort((a, b) => a - b));
    assert.ok(nested.entries.every((e) => !e.leaf && e.size === 0x400000 && !e.problem));
    const region = nested.entries.find((e) => e.index === 0x80400000 / 0x400000)!;
    const gLeaves = (panes.handle('hyperstep/pageTables', { table: { stage: 'G', address: region.to, level: 0, base: region.from } }) as PageTablesResponse).table!;
    const backed: [number, number][] = [];
    for (let gpa = region.from; gpa < region.from + 0x400000; gpa += 4096) if (vm.memory.hostAddress(gpa) >= 0) backed.push([gpa, vm.memory.hostAddress(gpa)]);
    assert.deepStrictEqual(gLeaves.entries.map((e) => [e.from, e.to]), backed);
    assert.ok(gLeaves.entries.every((e) => /U/.test(e.flags) && /R/.test(e.flags)), 'G-stage leaves are user pages');
  });

  it('hyperstep/pageTables translate: the 2-D walk as a grid, numbered, with the TLB state', () => {
    const image = guestImage(PAGING);
    const run = runGuests([{ image }], { setup: stopAtBase(0) });
    const vm = run.vmm.vms[0];
    const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
    const root = sym(image, 'root'), l0 = sym(image, 'l0'), data = sym(image, 'data_page');
    const gRoot = run.vmm.nested.describe(vm).root;

    // The page the guest stored to just before the exit: every step of its walk is cached.
    const t = (panes.handle('hyperstep/pageTables', { translate: 0x40005008 }) as PageTablesResponse).translate!;
    assert.strictEqual(t.gpa, data + 8);
    assert.strictEqual(t.hpa, vm.memory.hostAddress(data) + 8);
    assert.deepStrictEqual(t.rows.map((r) => [r.label, r.gpa]), [['VS L1', root + 0x100 * 4], ['VS L0', l0 + 5 * 4], ['data', data + 8]]);
    // Sv32 over Sv32x4: 2 G-stage references per row, then the VS PTE: 8 in all.
    assert.deepStrictEqual(t.cells.map((c) => [c.n, c.row, c.col]),
      [[1, 0, 'G1'], [2, 0, 'G0'], [3, 0, 'VS'], [4, 1, 'G1'], [5, 1, 'G0'], [6, 1, 'VS'], [7, 2, 'G1'], [8, 2, 'G0']]);
    assert.strictEqual(t.references, 8);
    // Reference 1 reads the G-stage root entry of the guest root table's 4 MiB region.
    assert.strictEqual(t.cells[0].hpa, gRoot + Math.floor(root / 0x400000) * 4);
    assert.strictEqual(t.cells[2].hpa, vm.memory.hostAddress(root + 0x100 * 4));
    assert.strictEqual(t.cells[2].pte, (((l0 >>> 12) << 10) | 1) >>> 0, 'the pointer the guest wrote');
    assert.strictEqual(t.cells[5].pte, (((data >>> 12) << 10) | 0xc7) >>> 0, 'the leaf the guest wrote');
    assert.strictEqual(t.cells[7].pte! >>> 10, vm.memory.hostAddress(data) >>> 12, 'the data page\'s G-stage leaf');
    assert.strictEqual(t.combinedTlb, 'hit');
    assert.ok(t.cells.every((c) => c.tlb === 'hit'));
    assert.strictEqual(t.referencesWithTlb, 0);
    assert.strictEqual(t.hart, 0);

    // 0x40006000: no leaf in l0 -> a VS-stage page fault at reference 6. The G-stage walks of
    // both tables' pages were cached by the walk above; the VS PTEs are never cached.
    const f = (panes.handle('hyperstep/pageTables', { translate: 0x40006000 }) as PageTablesResponse).translate!;
    assert.strictEqual(f.fault?.kind, 'page');
    assert.strictEqual(f.fault?.step, 6);
    assert.strictEqual(f.gpa, null);
    assert.deepStrictEqual(f.cells.map((c) => c.tlb), ['hit', 'hit', 'miss', 'hit', 'hit', 'miss']);
    assert.strictEqual(f.combinedTlb, 'miss');
    assert.strictEqual(f.referencesWithTlb, 2);

    // 0x80700000: inside the megapage, but guest RAM the guest never touched (lazy mapping):
    // the data's G-stage walk fails (guest-page fault), and nothing of that row is cached.
    assert.strictEqual(vm.memory.hostAddress(0x80700000), -1);
    const g = (panes.handle('hyperstep/pageTables', { translate: 0x80700000 }) as PageTablesResponse).translate!;
    assert.strictEqual(g.fault?.kind, 'guest-page');
    assert.strictEqual(g.gpa, 0x80700000);
    assert.deepStrictEqual(g.rows.map((r) => [r.label, r.gTlb]), [['VS L1', 'hit'], ['data', 'miss']]);
    assert.ok(g.cells.filter((c) => c.row === 1).every((c) => c.tlb === 'miss'));

    // Asking changed nothing: the same question gives the same answer, and the guest runs on.
    assert.deepStrictEqual(panes.handle('hyperstep/pageTables', { translate: 0x40006000 }), panes.handle('hyperstep/pageTables', { translate: 0x40006000 }));
    run.vmm.stopAtExit = undefined;
    assert.deepStrictEqual(run.machine.run(1_000_000), { kind: 'exit', code: 0 });
  });

  it('hyperstep/devices: UART registers and FIFO, PLIC routing, the timer, with the exits that touched them', () => {
    const image = guestImage(DEVICES);
    const run = runGuests([{ image }], { setup: stopAtBase(0) });
    assert.strictEqual(run.stop.kind, 'vm-exit');
    const vm = run.vmm.vms[0];
    const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
    let d = panes.handle('hyperstep/devices', {}) as DevicesResponse;
    assert.deepStrictEqual({ lcr: d.uart.registers.lcr, ier: d.uart.registers.ier, scr: d.uart.registers.scr }, { lcr: 3, ier: 1, scr: 0x5a });
    assert.deepStrictEqual(d.uart.rxFifo, []);
    assert.strictEqual(d.uart.base, 0x10000000);
    assert.deepStrictEqual(d.plic.sources, [{ source: 10, priority: 3, pending: false, claimed: false, level: false, device: 'vm1.uart0' }]);
    assert.strictEqual(d.plic.contexts.length, 2, 'one vCPU: an M and an S context');
    assert.deepStrictEqual(d.plic.contexts[1], { index: 1, vcpu: 0, mode: 'S', threshold: 1, enabled: [10], claimable: 0, line: false });
    assert.deepStrictEqual(d.plic.contexts[0].enabled, []);
    assert.deepStrictEqual(d.timers, [{ vcpu: 0, deadline: 5000, vstipPending: false, vstieEnabled: false }]);
    // Four UART stores, three PLIC stores, one set_timer: each an exit, in program order.
    assert.deepStrictEqual(d.recent.uart.map((r) => [r.handler, r.gpa]),
      [0x10000003, 0x10000002, 0x10000007, 0x10000001].map((a) => ['mmio.uart.write', a]));
    assert.deepStrictEqual(d.recent.plic.map((r) => r.gpa), [0x0c000028, 0x0c002080, 0x0c201000]);
    assert.deepStrictEqual(d.recent.timer.map((r) => r.handler), ['sbi.set_timer']);

    // Typing two characters: they wait in the FIFO, the UART raises source 10 and vCPU 0's S context can claim it.
    run.vmm.sendInput(vm, Buffer.from('hi'));
    d = panes.handle('hyperstep/devices', { vm: 'vm1' }) as DevicesResponse;
    // The UART takes input at its character rate (as QEMU paces it): 'h' is in, 'i' waits.
    assert.deepStrictEqual(d.uart.rxFifo, [0x68]);
    assert.strictEqual(d.uart.rxWaiting, 1);
    assert.strictEqual(d.uart.registers.lsr & 1, 1, 'LSR.DR');
    assert.strictEqual(d.uart.irqLevel, true);
    assert.deepStrictEqual(d.plic.sources[0], { source: 10, priority: 3, pending: true, claimed: false, level: true, device: 'vm1.uart0' });
    assert.strictEqual(d.plic.contexts[1].claimable, 10);
    assert.strictEqual(d.plic.contexts[1].line, true);
    assert.strictEqual(d.plic.contexts[0].claimable, 0, 'the M context enables nothing');
    assert.ok(d.recent.plic.some((r) => r.reason === 'interrupt-injection' && r.summary.startsWith('VSEI')));

    // After the deadline: the VMM injected the timer (VSTIP pending, deadline gone).
    stopAtBase(1)(run.vmm);
    assert.strictEqual(run.machine.run(10_000_000).kind, 'vm-exit');
    d = panes.handle('hyperstep/devices', {}) as DevicesResponse;
    assert.strictEqual(d.timers[0].deadline, null);
    assert.strictEqual(d.timers[0].vstipPending, true);
    assert.ok(d.guestTime >= 5000);
    const timerHandlers = d.recent.timer.map((r) => r.handler);
    // The host timer exits the guest (timer.inject), whose handler records the injection first.
    assert.deepStrictEqual(timerHandlers, ['sbi.set_timer', 'irq.inject', 'timer.inject']);
    assert.ok(d.recent.timer.some((r) => r.reason === 'interrupt-injection' && r.summary.startsWith('VSTI')));
  });

  it('hyperstep/exits: records since a seq and counts by reason per VM', () => {
    const image = guestImage(DEVICES);
    const run = runGuests([{ image }, { image, name: 'other' }], { maxInsns: 50_000_000 });
    assert.deepStrictEqual(run.stop, { kind: 'exit', code: 0 });
    const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
    const all = panes.handle('hyperstep/exits', {}) as ExitsResponse;
    assert.strictEqual(all.lastSeq, run.vmm.log.lastSeq);
    assert.deepStrictEqual(all.reasons.map((r) => r.name), [...EXIT_REASONS], 'every reason the VMM has, in its order');
    assert.deepStrictEqual(all.counts.map((c) => c.vm), ['vm1', 'other']);
    for (const c of all.counts) {
      assert.strictEqual(c.byReason.mmio, 7, `${c.vm}: four UART and three PLIC stores`);
      assert.strictEqual(c.byReason.sbi, 4, `${c.vm}: set_timer, two base calls, shutdown`);
      assert.strictEqual(c.byReason.sbi + c.byReason.mmio + c.byReason['guest-page-fault'] + c.byReason['host-interrupt'] + c.byReason['interrupt-injection'],
        all.records.filter((r) => r.vm === c.vm).length, 'every record is counted once');
    }
    assert.strictEqual(new Set(all.records.map((r) => r.seq)).size, all.records.length, 'seqs are unique');
    const mid = all.records[Math.floor(all.records.length / 2)].seq;
    const later = panes.handle('hyperstep/exits', { since: mid }) as ExitsResponse;
    assert.deepStrictEqual(later.records.map((r) => r.seq), all.records.filter((r) => r.seq > mid).map((r) => r.seq));
    const one = panes.handle('hyperstep/exits', { vm: 'other', limit: 3 }) as ExitsResponse;
    assert.deepStrictEqual(one.records, all.records.filter((r) => r.vm === 'other').slice(-3));
    assert.deepStrictEqual(one.counts.map((c) => c.vm), ['other']);
  });

  it('bad requests get a clear error naming what is wrong', () => {
    const run = runGuests([{ image: guestImage(TWO_VCPUS), vcpus: 2 }], { maxInsns: 1000 });
    const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
    assert.throws(() => panes.handle('hyperstep/devices', { vm: 'nope' }), (e: Error) => e instanceof PaneRequestError && /no VM "nope" \(VMs: vm1\)/.test(e.message));
    assert.throws(() => panes.handle('hyperstep/pageTables', { translate: -1 }), /32-bit guest-virtual/);
    assert.throws(() => panes.handle('hyperstep/pageTables', { table: { stage: 'X', address: 0, level: 0, base: 0 } }), /"table" needs stage/);
    assert.throws(() => panes.handle('hyperstep/exits', { since: 'x' }), /non-negative integers/);
    assert.throws(() => panes.handle('hyperstep/bogus', {}), /unrecognized pane request/);
    assert.ok(PaneRequests.handles('hyperstep/vcpus') && !PaneRequests.handles('hyperstep/bogus'));
    assert.deepStrictEqual(panes.handle('hyperstep/locate', { vm: 'vm1', pc: 0x80400000 }), { vm: 'vm1', pc: 0x80400000 });
  });
});
