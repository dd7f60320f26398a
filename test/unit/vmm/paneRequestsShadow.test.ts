import * as assert from 'assert';
import type { ElfImage } from '../../../src/engine/loader/elf';
import type { PageTablesResponse, PteEntry } from '../../../src/debugAdapter/paneProtocol';
import { PaneRequests } from '../../../src/debugAdapter/paneRequests';
import { guestImage, runGuests, VmmRun } from '../../support/vmmGuest';

/**
 * The Page tables pane's shadow side on real runs of a guest kernel built with GNU as/ld under
 * shadow and paravirtual paging: the roots, the shadow table, the write-protected guest tables
 * and the walks compared. Every value checked follows from the guest's own tables (the PTEs it
 * wrote, the symbols of its ELF), the VM's P2M and the hart's real satp, or from what the guest
 * did (its accesses, stores and fences).
 */

const sym = (image: ElfImage, name: string): number => {
  const s = image.symbols.find((x) => x.name === name);
  if (!s) throw new Error(`no symbol ${name}`);
  return s.value >>> 0;
};

/**
 * Two roots sharing a leaf table `l0` for 0x40000000: 0x40005000 -> data_page (dirty),
 * 0x40006000 -> data2 (writable, D clear), 0x40007000 -> data3 (never touched through it); the
 * kernel's 4 MiB at 0x80400000 identity-mapped, so its page tables are reachable as data too.
 */
const GUEST = `
  .equ LEAF_RWX, 0xcf          # D A - - X W R V
  .equ LEAF_RW, 0xc7           # D A - - - W R V
  .equ LEAF_RW_CLEAN, 0x47     #   A - - - W R V: the first store must set D
  .macro PTE reg, sym, flags   # reg = (sym >> 12) << 10 | flags
    la \\reg, \\sym
    srli \\reg, \\reg, 12
    slli \\reg, \\reg, 10
    ori \\reg, \\reg, \\flags
  .endm
  .globl _start
_start:
  la sp, stack_top
  la t0, data3
  li t1, 0x3333
  sw t1, 0(t0)                 # data3 gets a host page (paging is still off)
  li t0, (0x80400000 >> 12) << 10 | LEAF_RWX
  li t1, 0x201 * 4
  la s0, root
  add t2, s0, t1
  sw t0, 0(t2)                 # root[0x201]: the kernel's megapage
  la s2, root2
  add t2, s2, t1
  sw t0, 0(t2)                 # root2[0x201]: the same
  PTE t0, l0, 1
  sw t0, 0x100 * 4(s0)         # root[0x100] -> l0
  sw t0, 0x100 * 4(s2)         # root2[0x100] -> l0
  la s1, l0
  PTE t0, data_page, LEAF_RW
  sw t0, 5 * 4(s1)
  PTE t0, data2, LEAF_RW_CLEAN
  sw t0, 6 * 4(s1)
  PTE t0, data3, LEAF_RW
  sw t0, 7 * 4(s1)
  srli t0, s0, 12
  li t1, 1 << 31
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  li t0, 0x40005000
  li t1, 0x1234
  sw t1, 8(t0)                 # a store to a dirty page
  li t0, 0x40006000
  lw t1, 0(t0)                 # a load from a clean one
  lw t1, 0(s1)                 # the leaf table, read through the megapage
  SBI EID_BASE, 0              # stop 1
  PTE t0, data3, LEAF_RW
  sw t0, 5 * 4(s1)             # l0[5] -> data3: a store into a page table
  sfence.vma
  li t0, 0x40005000
  lw t1, 8(t0)                 # through the new mapping
  SBI EID_BASE, 1              # stop 2
  li t0, 1 << 18
  csrs sstatus, t0             # SUM: another view of the same guest root
  srli t0, s2, 12
  li t1, 1 << 31
  or t0, t0, t1
  csrw satp, t0                # the second root
  sfence.vma
  li t0, 0x40005000
  lw t1, 8(t0)
  SBI EID_BASE, 2              # stop 3
  call shutdown
  .data
  .align 12
root: .space 4096
root2: .space 4096
l0: .space 4096
data_page: .space 4096
data2: .space 4096
data3: .space 4096
`;

const SATP_SV32 = 0x80000000;

let image: ElfImage;
function addr(name: string): number { return sym(image, name); }

function start(paging: 'shadow' | 'paravirt'): { run: VmmRun; panes: PaneRequests; toBase(fid: number): void } {
  const run = runGuests([{ image, paging }], { setup: (vmm) => { vmm.stopAtExit = (e) => e.detail.reason === 'sbi' && e.detail.call.eid === 0x10 && e.detail.call.fid === 0; } });
  assert.deepStrictEqual(run.stop.kind, 'vm-exit', JSON.stringify(run.stop));
  const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
  const toBase = (fid: number): void => {
    run.vmm.stopAtExit = (e) => e.detail.reason === 'sbi' && e.detail.call.eid === 0x10 && e.detail.call.fid === fid;
    assert.strictEqual(run.machine.run(5_000_000).kind, 'vm-exit');
  };
  return { run, panes, toBase };
}

const tables = (panes: PaneRequests, args: Record<string, unknown> = {}): PageTablesResponse => panes.handle('hyperstep/pageTables', args) as PageTablesResponse;

/** The shadow level-0 table for GVA region `vpn1` of the shown root, fetched as the pane does. */
function shadowLeaves(panes: PaneRequests, r: PageTablesResponse, vpn1: number, args: Record<string, unknown> = {}): PteEntry[] {
  const ptr = r.shadow!.entries.find((e) => e.index === vpn1);
  if (!ptr) return [];
  return tables(panes, { ...args, table: { stage: 'shadow', address: ptr.to, level: 0, base: ptr.from } }).table!.entries;
}

/** Hidden faults at guest-virtual 0x4000xxxx (the exit's summary starts "read at 0x40006000: ..."). */
const demandFaults = (run: VmmRun): string[] => run.vmm.log.recent().filter((x) => x.reason === 'hidden-fault' && /^\w+ at 0x4000[0-9a-f]{4}:/.test(x.summary)).map((x) => x.summary.split(':')[0]);
const word = (run: VmmRun, hpa: number): number => run.machine.bus.read(hpa, 4) >>> 0;
const leafTo = (gpa: number, flags: number): number => (((gpa >>> 12) << 10) | flags) >>> 0;

describe('panes: the shadow side of hyperstep/pageTables on real shadow and paravirtual runs', function () {
  this.timeout(120_000);
  before(() => { image = guestImage(GUEST); });

  it('shadow: the roots, the shadow table the hart walks, and the guest tables it write-protects', () => {
    const { run, panes } = start('shadow');
    const vm = run.vmm.vms[0], h = run.machine.harts[0];
    const r = tables(panes);
    assert.strictEqual(r.paging, 'shadow');
    assert.strictEqual(r.nested, null, 'no G stage: the guest runs deprivileged');
    assert.strictEqual(r.hgatp, 0);
    assert.strictEqual(r.vsatp, (SATP_SV32 | (addr('root') >>> 12)) >>> 0, 'the satp the guest wrote');
    // Two roots so far: the guest's Bare boot and its first table; the one shown is what the hart runs.
    assert.deepStrictEqual(r.shadowRoots!.map((x) => [x.guestRoot, x.view, x.sum, x.vcpus]),
      [[null, 'S', false, []], [addr('root'), 'S', false, ['vm1/vcpu0']]]);
    const cur = r.shadowRoots![1];
    assert.strictEqual(r.shadowRoot, cur.key);
    assert.strictEqual(cur.satp, h.satp >>> 0, 'the current shadow is what the real satp holds');
    assert.strictEqual(cur.root, (h.satp & 0x3fffff) * 4096);
    assert.strictEqual(cur.asid, (h.satp >>> 22) & 0x1ff);
    assert.notStrictEqual(cur.asid, r.shadowRoots![0].asid, 'each root its own real ASID');

    // The guest table, read through the P2M: the two entries the guest wrote, its root and l0 write-protected.
    const guest = r.guest!;
    assert.strictEqual(guest.address, addr('root'));
    assert.strictEqual(guest.hostAddress, vm.memory.hostAddress(addr('root')));
    assert.deepStrictEqual(guest.entries.map((e) => [e.index, e.pte]), [[0x100, leafTo(addr('l0'), 1)], [0x201, leafTo(0x80400000, 0xcf)]]);
    assert.deepStrictEqual(guest.protection, { gpa: addr('root'), kind: 'shadow', level: 1, shadows: 1 });
    assert.deepStrictEqual(guest.entries[0].protectedTable, { gpa: addr('l0'), kind: 'shadow', level: 0, shadows: 1 });
    assert.strictEqual(guest.entries[1].hpa, vm.memory.hostAddress(0x80400000));
    assert.deepStrictEqual(r.protectedTables!.map((p) => [p.gpa, p.level]), [[addr('root'), 1], [addr('l0'), 0]]);
    const l0 = tables(panes, { table: { stage: 'VS', address: addr('l0'), level: 0, base: 0x40000000 } }).table!;
    assert.deepStrictEqual(l0.protection, { gpa: addr('l0'), kind: 'shadow', level: 0, shadows: 1 });
    assert.deepStrictEqual(l0.entries.map((e) => [e.index, e.to, e.hpa]), [
      [5, addr('data_page'), vm.memory.hostAddress(addr('data_page'))], [6, addr('data2'), vm.memory.hostAddress(addr('data2'))],
      [7, addr('data3'), vm.memory.hostAddress(addr('data3'))]]);

    // The shadow table: the hart's root, words straight from host memory.
    const shadow = r.shadow!;
    assert.strictEqual(shadow.address, cur.root);
    assert.deepStrictEqual(shadow.entries.map((e) => e.index), [0x100, 0x201], 'a table for each region the guest touched');
    for (const e of shadow.entries) assert.strictEqual(e.pte, word(run, cur.root + e.index * 4));
    // Filled lazily: exactly the two pages the guest used through 0x40000000, 4 KiB each, a hidden fault each.
    assert.deepStrictEqual(demandFaults(run), ['write at 0x40005008', 'read at 0x40006000']);
    const demand = shadowLeaves(panes, r, 0x100);
    assert.deepStrictEqual(demand.map((e) => [e.index, e.from, e.to, e.gpa]), [
      [5, 0x40005000, vm.memory.hostAddress(addr('data_page')), addr('data_page')],
      [6, 0x40006000, vm.memory.hostAddress(addr('data2')), addr('data2')]]);
    const [dirty, clean] = demand;
    assert.match(dirty.flags, /^DA-U-WRV$/, 'a dirty writable guest page: W in the shadow (U: the guest runs in real U-mode)');
    assert.strictEqual(dirty.writeProtected, undefined);
    assert.match(clean.flags, /^DA-U--RV$/, 'D clear in the guest: W withheld until its first store');
    assert.strictEqual(clean.writeProtected, 'not-dirty');
    assert.ok(demand.every((e) => e.stale === undefined));
    // The kernel's megapage: the page-table pages it reaches lose W; nothing is stale.
    const kernel = shadowLeaves(panes, r, 0x201);
    const l0Leaf = kernel.find((e) => e.from === addr('l0'))!;
    assert.strictEqual(l0Leaf.to, vm.memory.hostAddress(addr('l0')));
    assert.strictEqual(l0Leaf.writeProtected, 'page-table');
    assert.ok(!(l0Leaf.pte & 4));
    assert.ok(kernel.filter((e) => e.from !== addr('l0') && e.from !== addr('root')).every((e) => e.writeProtected === undefined && (e.pte & 4)));
    assert.ok(kernel.every((e) => e.stale === undefined));
    assert.strictEqual(cur.leaves, demand.length + kernel.length);
    assert.strictEqual(cur.stale, 0);
    assert.strictEqual(cur.writeProtected, kernel.filter((e) => e.writeProtected).length + 1);
    // The Bare boot shadow: the guest's sfence.vma after its satp write dropped every shadow entry of the VM.
    const bare = tables(panes, { shadowRoot: r.shadowRoots![0].key });
    assert.strictEqual(bare.guest, null);
    assert.strictEqual(bare.guestSatp, 0);
    assert.strictEqual(bare.shadowRoot, r.shadowRoots![0].key);
    assert.deepStrictEqual(bare.shadow!.entries, []);
    // Bad table requests name what is wrong.
    assert.throws(() => tables(panes, { table: { stage: 'G', address: 0, level: 1, base: 0 } }), /runs deprivileged \(shadow paging\): it has no G-stage table/);
    assert.throws(() => tables(panes, { table: { stage: 'shadow', address: 0x80000000, level: 0, base: 0 } }), /no shadow table of vm1 at HPA 0x80000000/);
  });

  it('shadow: an entry is stale between the emulated page-table store and the shadow update, and only then', () => {
    const { run, panes } = start('shadow');
    const vm = run.vmm.vms[0];
    run.vmm.stopAtExit = undefined;
    run.vmm.stopAtHandler = (name) => name === 'shadow.pt_write';
    const stop = run.machine.run(5_000_000);
    assert.deepStrictEqual([stop.kind, (stop as { why?: string }).why], ['vm-exit', 'handler']);
    const before = shadowLeaves(panes, tables(panes), 0x100);
    assert.ok(before.every((e) => !e.stale), 'the store has not happened yet');
    run.vmm.stepPhase(0); // emulate: the guest's l0[5] now says data3; the shadow still says data_page
    assert.strictEqual(vm.memory.read(addr('l0') + 20, 4)!.reduce((v, b, i) => v + b * 2 ** (8 * i), 0), leafTo(addr('data3'), 0xc7));
    const r = tables(panes);
    const stale = shadowLeaves(panes, r, 0x100).find((e) => e.index === 5)!;
    assert.strictEqual(stale.to, vm.memory.hostAddress(addr('data_page')));
    assert.strictEqual(stale.gpa, addr('data3'));
    assert.strictEqual(stale.stale, `the guest's table and the P2M give HPA 0x${vm.memory.hostAddress(addr('data3')).toString(16)}, the shadow has 0x${vm.memory.hostAddress(addr('data_page')).toString(16)}`);
    assert.strictEqual(r.shadowRoots!.find((x) => x.key === r.shadowRoot)!.stale, 1);
    run.vmm.stepPhase(0); // update: the VMM drops the entries l0[5] described
    const after = shadowLeaves(panes, tables(panes), 0x100);
    assert.deepStrictEqual(after.map((e) => e.index), [6], 'l0[5] dropped, to be filled again on the next access');
    assert.ok(after.every((e) => !e.stale));
    // A shadow word changed behind the VMM's back (as a bug would): the pane says so.
    const ptr = tables(panes).shadow!.entries.find((e) => e.index === 0x100)!;
    const at = ptr.to + 6 * 4;
    run.machine.bus.write(at, 4, word(run, at) | 4);
    const forged = shadowLeaves(panes, tables(panes), 0x100).find((e) => e.index === 6)!;
    assert.strictEqual(forged.stale, 'permissions RW, the composition gives R');
    assert.strictEqual(forged.writeProtected, undefined);
  });

  it('shadow translate: the 1-D shadow walk, the 2-D walk nested paging would make, and the VMM fill, with the sync costs', () => {
    const { run, panes, toBase } = start('shadow');
    const vm = run.vmm.vms[0];
    toBase(1); // past the page-table store, the fence and the refill of 0x40005000 (now data3)
    const r = tables(panes, { translate: 0x40005008 });
    const cur = r.shadowRoots!.find((x) => x.key === r.shadowRoot)!;
    const c = r.compare!;
    const l0Shadow = r.shadow!.entries.find((e) => e.index === 0x100)!.to;
    // The hardware: two references, the shadow root's entry then the leaf table's.
    assert.deepStrictEqual(c.shadow.steps.map((s) => [s.n, s.level, s.hpa]), [[1, 1, cur.root + 0x100 * 4], [2, 0, l0Shadow + 5 * 4]]);
    assert.strictEqual(c.shadow.steps[1].pte! >>> 10, vm.memory.hostAddress(addr('data3')) >>> 12);
    assert.strictEqual(c.shadow.hpa, vm.memory.hostAddress(addr('data3')) + 8);
    assert.strictEqual(c.shadow.references, 2);
    assert.strictEqual(c.shadow.tlb, 'hit', 'the guest just loaded from it and nothing flushed since');
    assert.strictEqual(c.shadow.missing, undefined);
    // Nested paging on the same tables: Sv32 over Sv32x4, 8 references, the G stage from the P2M.
    const t = r.translate!;
    assert.strictEqual(t.model, true);
    assert.strictEqual(c.nestedReferences, 8);
    assert.deepStrictEqual(t.cells.map((x) => [x.n, x.col]), [[1, 'G1'], [2, 'G0'], [3, 'VS'], [4, 'G1'], [5, 'G0'], [6, 'VS'], [7, 'G1'], [8, 'G0']]);
    assert.strictEqual(t.cells[2].pte, leafTo(addr('l0'), 1), 'the pointer the guest wrote');
    assert.strictEqual(t.cells[5].pte, leafTo(addr('data3'), 0xc7), 'the leaf the guest rewrote');
    assert.strictEqual(t.cells[1].pte! >>> 10, vm.memory.hostAddress(addr('root')) >>> 12, 'G leaf of the root table\'s page: its P2M frame');
    assert.strictEqual(t.cells[7].pte! >>> 10, vm.memory.hostAddress(addr('data3')) >>> 12);
    assert.strictEqual(t.hpa, c.shadow.hpa, 'both walks end at the same host byte');
    // The VMM's fill: a P2M lookup and a PTE read per guest level, the data page's P2M, the shadow store.
    assert.deepStrictEqual(c.vmm.steps.map((s) => [s.kind, s.gpa, s.hpa, s.value]), [
      ['p2m', addr('root'), vm.memory.hostAddress(addr('root')), null],
      ['read', addr('root') + 0x100 * 4, vm.memory.hostAddress(addr('root')) + 0x400, leafTo(addr('l0'), 1)],
      ['p2m', addr('l0'), vm.memory.hostAddress(addr('l0')), null],
      ['read', addr('l0') + 5 * 4, vm.memory.hostAddress(addr('l0')) + 20, leafTo(addr('data3'), 0xc7)],
      ['p2m', addr('data3'), vm.memory.hostAddress(addr('data3')), null],
      ['write', null, l0Shadow + 5 * 4, c.shadow.steps[1].pte],
    ]);
    const fills = run.vmm.log.recent().filter((x) => x.reason === 'hidden-fault' && x.gpa === addr('data3') + 8);
    assert.strictEqual(fills.length, 1, 'one hidden fault filled 0x40005000 -> data3 (the load at 0x40005008)');
    assert.strictEqual(c.vmm.filledBy?.seq, fills[0].seq);
    assert.strictEqual(c.vmm.filledBy?.cost, fills[0].cost);
    // The syncs: every fill, page-table store and fence this guest caused.
    const counts = run.vmm.log.countsFor('vm1');
    assert.strictEqual(c.syncs.fills.exits, counts['hidden-fault']);
    assert.strictEqual(c.syncs.ptWrites.exits, 1, 'one store into a page table');
    assert.strictEqual(c.syncs.fences.exits, 2, 'two sfence.vma so far');
    assert.strictEqual(c.syncs.complete, true);
    assert.ok(c.syncs.fills.hostInstructions >= c.syncs.fills.exits * c.vmm.cost);

    // A mapped page never touched: no shadow entry; the hart's walk stops at the leaf table.
    const m = tables(panes, { translate: 0x40007000 }).compare!;
    assert.strictEqual(m.shadow.references, 2);
    assert.strictEqual(m.shadow.steps[1].pte, 0);
    assert.match(m.shadow.missing!, /no shadow entry for this page yet: .*hidden fault/);
    assert.strictEqual(m.vmm.filledBy, undefined);
    assert.deepStrictEqual(m.vmm.steps.map((s) => s.kind), ['p2m', 'read', 'p2m', 'read', 'p2m', 'write']);
    // Not mapped by the guest at all: the guest's own walk fails (a true fault).
    const f = tables(panes, { translate: 0x40008000 }).compare!;
    assert.match(f.vmm.fault!, /not valid/);
    assert.strictEqual(f.shadow.steps.length, 2);

    // SUM set under the first root (a new view: its own shadow), then the second root: four shadows,
    // the last one current. The guest walked its first root under both views, and l0 from both roots.
    toBase(2);
    const r2 = tables(panes);
    assert.deepStrictEqual(r2.shadowRoots!.map((x) => [x.guestRoot, x.view, x.sum, x.vcpus.length]),
      [[null, 'S', false, 0], [addr('root'), 'S', false, 0], [addr('root'), 'S', true, 0], [addr('root2'), 'S', true, 1]]);
    assert.strictEqual(r2.guestSatp, (SATP_SV32 | (addr('root2') >>> 12)) >>> 0);
    assert.strictEqual(r2.shadowRoots![3].satp, run.machine.harts[0].satp >>> 0);
    assert.strictEqual(new Set(r2.shadowRoots!.map((x) => x.asid)).size, 4);
    assert.deepStrictEqual(r2.protectedTables!.map((p) => [p.gpa, p.level, p.shadows]), [[addr('root'), 1, 2], [addr('root2'), 1, 1], [addr('l0'), 0, 2]]);
    // Asking changed nothing: the guest finishes as it would have.
    run.vmm.stopAtExit = undefined;
    assert.deepStrictEqual(run.machine.run(5_000_000), { kind: 'exit', code: 0 });
  });

  it('paravirtual: pinned tables with their levels, populated eagerly where memory is backed (no fills), the same stale window', () => {
    const { run, panes } = start('paravirt');
    const vm = run.vmm.vms[0];
    const r = tables(panes, { translate: 0x40007000 });
    assert.strictEqual(r.paging, 'paravirt');
    assert.deepStrictEqual(r.protectedTables!.map((p) => [p.gpa, p.kind, p.level]), [[addr('root'), 'pinned', 1], [addr('l0'), 'pinned', 0]]);
    assert.deepStrictEqual([r.guest!.protection?.kind, r.guest!.protection?.level], ['pinned', 1]);
    assert.deepStrictEqual([r.guest!.entries[0].protectedTable?.kind, r.guest!.entries[0].protectedTable?.level], ['pinned', 0]);
    const demand = shadowLeaves(panes, r, 0x100);
    // Every page the guest's table maps has its entry, touched or not; W for all (A and D up front).
    assert.deepStrictEqual(demand.map((e) => [e.index, e.to]), [5, 6, 7].map((i) => [i, vm.memory.hostAddress(addr(['data_page', 'data2', 'data3'][i - 5]))]));
    assert.ok(demand.every((e) => (e.pte & 4) && !e.writeProtected && !e.stale));
    const kernel = shadowLeaves(panes, r, 0x201);
    // Every backed page of the megapage has its entry from the pin; pages never backed have none
    // (their first touch backs them, as in every mode: populating zeroes nothing the guest never uses).
    const backed = Array.from({ length: 1024 }, (_, i) => 0x80400000 + i * 4096).filter((gpa) => vm.memory.hostAddress(gpa) >= 0);
    assert.ok(backed.length > 2 && backed.length < 1024, `${backed.length} pages of the megapage backed`);
    assert.deepStrictEqual(kernel.map((e) => e.from), backed, 'populated at the pin: exactly the backed pages');
    assert.deepStrictEqual(kernel.filter((e) => e.writeProtected).map((e) => e.from), [addr('root'), addr('l0')].sort((a, b) => a - b));
    assert.strictEqual(r.compare!.shadow.missing, undefined, 'never touched, yet mapped');
    assert.strictEqual(r.compare!.vmm.filledBy, undefined);
    assert.deepStrictEqual(demandFaults(run), [], 'the store and load through 0x40000000 took no hidden fault (only paging-off code did)');

    run.vmm.stopAtExit = undefined;
    run.vmm.stopAtHandler = (name) => name === 'shadow.pt_write';
    assert.strictEqual(run.machine.run(5_000_000).kind, 'vm-exit');
    run.vmm.stepPhase(0); // emulate: validated and written
    const stale = shadowLeaves(panes, tables(panes), 0x100).find((e) => e.index === 5)!;
    assert.strictEqual(stale.gpa, addr('data3'));
    assert.match(stale.stale!, /the shadow has 0x/);
    run.vmm.stepPhase(0); // update: re-derived at once, no hidden fault needed
    const now = shadowLeaves(panes, tables(panes), 0x100).find((e) => e.index === 5)!;
    assert.strictEqual(now.to, vm.memory.hostAddress(addr('data3')));
    assert.strictEqual(now.stale, undefined);
  });

  it('a nested VM: no shadow side, and the shadow column\'s table requests are refused', () => {
    const run = runGuests([{ image }], { setup: (vmm) => { vmm.stopAtExit = (e) => e.detail.reason === 'sbi' && e.detail.call.eid === 0x10; } });
    const panes = new PaneRequests(run.vmm, run.machine, () => undefined);
    const r = tables(panes, { translate: 0x40005008 });
    assert.strictEqual(r.paging, 'nested');
    assert.strictEqual(r.shadow, null);
    assert.strictEqual(r.shadowRoots, undefined);
    assert.strictEqual(r.compare, undefined);
    assert.strictEqual(r.translate!.model, undefined);
    assert.ok(r.nested);
    assert.throws(() => tables(panes, { table: { stage: 'shadow', address: 0x80000000, level: 1, base: 0 } }), /uses nested paging: .*no shadow tables/);
  });
});
