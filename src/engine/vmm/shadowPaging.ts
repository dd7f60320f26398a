import type { Hart } from '../cpu/hart';
import type { CodeCache } from '../cpu/codeCache';
import type { Bus } from '../machine/bus';
import { Access } from '../mmu/pmp';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu/sv32';
import { COST } from './costModel';
import { walkGuest } from './guestPageWalk';
import { FRAME_VMM, HostFramePool } from './hostFrames';
import type { PagingMode } from './pagingMode';
import { RealAsidSpace } from './realAsidSpace';
import type { Vcpu } from './vcpu';
import type { Vm } from './vm';

/** A shadow table: one guest root (or Bare), one ASID, one view of it. */
export interface ShadowRoot {
  key: string;
  vm: Vm;
  /** The guest satp it shadows and the view: the guest's privilege (1 S, 0 U) and SUM/MXR. */
  satp: number;
  mode: number;
  sum: boolean;
  mxr: boolean;
  /** Host-physical address of the shadow Sv32 root; level-0 tables by VPN[1]. */
  root: number;
  tables: Map<number, number>;
  /** The real ASID the hart uses for it, so switching roots needs no TLB flush. */
  asid: number;
  lastUse: number;
  alive: boolean;
}

/** A shadow PTE that depends on a guest page-table page (vpn1 -1: the page is the guest's root). */
interface Dependency { root: ShadowRoot; vpn1: number }

/** A copy of a live shadow root for panes and debuggers (nothing in it reaches back into the VMM). */
export interface ShadowRootView {
  key: string;
  satp: number; mode: number; sum: boolean; mxr: boolean;
  root: number; asid: number; lastUse: number;
  /** Its level-0 tables: [VPN[1], host-physical address]. */
  tables: [number, number][];
}

/** A guest page-table page the shadows depend on (so it is write-protected), and which of them do. */
export interface ShadowDependency { gpa: number; dependents: { root: string; vpn1: number }[] }

/** What a page fault in the deprivileged guest turned out to be. */
export type ShadowFault =
  | { kind: 'hidden'; gpa: number }
  | { kind: 'true'; cause: number }
  | { kind: 'pt-write'; gpa: number }
  | { kind: 'mmio'; gpa: number }
  | { kind: 'bad-address'; gpa: number };

export interface ShadowCounters {
  hiddenFaults: number; trueFaults: number; ptWrites: number; fills: number; syncs: number; evictions: number; rootSwitches: number;
}

/** Shadow roots kept per VM (LRU beyond that: evicted, their tables freed). */
const MAX_ROOTS = 16;
const PAGE_FAULT = [13, 15, 12]; // by Access: Read, Write, Exec

/**
 * Shadow page tables (pre-hardware-assist MMU virtualization). The guest kernel runs in U-mode
 * with V=0 and its satp is virtual; the hart walks tables the VMM composes from the guest's own
 * table (GVA -> GPA) and the P2M (GPA -> HPA), filled lazily on hidden faults. The guest's
 * page-table pages are write-protected in every shadow, so its PTE writes trap and are emulated,
 * and the shadow entries that depend on them are dropped. One shadow per guest root, ASID and
 * view (guest supervisor with its SUM/MXR, or guest user), kept across guest context switches
 * in a cache with LRU eviction; each gets a real ASID so switching costs no flush. The guest's
 * A/D bits are emulated: a first access sets A, a first store sets D (shadow W stays off until
 * the guest page is dirty).
 */
export class ShadowPaging implements PagingMode {
  readonly kind: 'shadow' | 'paravirt' = 'shadow';
  readonly hardwareAssisted = false;
  readonly counters = new Map<number, ShadowCounters>();
  protected readonly roots = new Map<string, ShadowRoot>();
  /** Guest page-table pages (by VM and guest-physical page) and the shadow entries that depend on them. */
  protected readonly deps = new Map<string, Dependency[]>();
  /** Shadow leaves mapping each guest page (by VM and page), for write-protecting it when it becomes a page table. */
  protected readonly rmap = new Map<string, { root: ShadowRoot; vpn: number }[]>();
  private clock = 0;

  constructor(protected readonly pool: HostFramePool, protected readonly bus: Bus, protected readonly code: CodeCache,
    protected readonly harts: readonly Hart[], private readonly asids = new RealAsidSpace()) {
    asids.join(this);
  }

  asidsInUse(): Iterable<number> { return [...this.roots.values()].map((r) => r.asid); }

  attach(vm: Vm): void {
    this.counters.set(vm.id, { hiddenFaults: 0, trueFaults: 0, ptWrites: 0, fills: 0, syncs: 0, evictions: 0, rootSwitches: 0 });
  }

  stats(vm: Vm): ShadowCounters & { shadowPages: number; roots: number } {
    let shadowPages = 0, roots = 0;
    for (const r of this.roots.values()) if (r.vm === vm) { roots++; shadowPages += 1 + r.tables.size; }
    return { ...this.counters.get(vm.id)!, shadowPages, roots };
  }

  /** Installs the shadow of the vCPU's current guest satp and view in the real satp. */
  enter(vcpu: Vcpu, h: Hart): void {
    const r = this.rootFor(vcpu, h);
    r.lastUse = ++this.clock;
    const satp = (0x80000000 | (r.asid << 22) | (r.root / 4096)) | 0;
    if (h.satp !== satp) { h.satp = satp; this.count(vcpu.vm).rootSwitches++; h.contextChanged(); }
  }

  mapped(): number { return 0; } // shadows read the P2M when they fill; nothing to project eagerly

  /** Work done outside an exit (paravirtual eager population), charged to the next exit. */
  takeOwedCost(_vm: Vm): number { return 0; }

  hardwareTranslate(vm: Vm, gpa: number): number { return vm.memory.hostAddress(gpa); }

  describe(vm: Vm): { tablePages: number } { return { tablePages: this.stats(vm).shadowPages }; }

  /**
   * A page fault the deprivileged guest took at `va`: a hidden fault (the shadow lacked an entry
   * the guest's table allows: fill it), a true fault (the guest's own table forbids it: the guest
   * must see it), a store to a write-protected guest page table, or a device access.
   */
  fault(vcpu: Vcpu, h: Hart, va: number, access: Access): ShadowFault {
    const vm = vcpu.vm;
    const sum = (h.vsstatus & (1 << 18)) !== 0, mxr = (h.vsstatus & (1 << 19)) !== 0;
    const w = walkGuest(vm.memory, h.vsatp, va, access, vcpu.mode, sum, mxr, false);
    if (w.fault) { this.count(vm).trueFaults++; return { kind: 'true', cause: PAGE_FAULT[access] }; }
    if (!vm.memory.isRam(w.gpa)) return vm.deviceAt(w.gpa) ? { kind: 'mmio', gpa: w.gpa } : { kind: 'bad-address', gpa: w.gpa };
    if (access === Access.Write && this.isPageTable(vm, w.gpa)) return { kind: 'pt-write', gpa: w.gpa };
    this.count(vm).hiddenFaults++;
    return { kind: 'hidden', gpa: w.gpa };
  }

  /** Fills the shadow entry for `va` after a hidden fault (the guest walk sets its A/D). Returns the cost. */
  fill(vcpu: Vcpu, h: Hart, va: number, access: Access): number {
    const vm = vcpu.vm;
    const sum = (h.vsstatus & (1 << 18)) !== 0, mxr = (h.vsstatus & (1 << 19)) !== 0;
    const w = walkGuest(vm.memory, h.vsatp, va, access, vcpu.mode, sum, mxr, true);
    if (w.fault || !vm.memory.isRam(w.gpa)) return 0;
    let cost = COST.shadowFill;
    if (vm.memory.hostAddress(w.gpa) < 0) { vm.memory.back(w.gpa); cost += COST.zeroPage; }
    const r = this.rootFor(vcpu, h);
    for (const t of w.tables) this.depend(vm, t, r, t === w.tables[0] ? -1 : va >>> 22);
    const perms = this.permissions(w.leaf, vcpu.mode, sum, mxr, this.isPageTable(vm, w.gpa));
    // The guest's walk allowed the access, so the shadow must too: else the fault would repeat forever.
    if (perms === 0) throw new RangeError(`shadow paging cannot map 0x${(va >>> 0).toString(16)} for the guest's ${vcpu.mode === 1 ? 'S' : 'U'}-mode (leaf 0x${(w.leaf >>> 0).toString(16)})`);
    cost += this.writeLeaf(r, va, w.gpa, perms);
    this.count(vm).fills++;
    return cost;
  }

  /** After the VMM emulated a guest store into a page-table page: drop the shadow entries it changes. */
  ptWritten(vm: Vm, gpa: number): number {
    this.count(vm).ptWrites++;
    const index = (gpa % 4096) >>> 2;
    let cost = COST.ptWriteSync;
    for (const d of this.deps.get(pageKey(vm, gpa)) ?? []) {
      if (!d.root.alive) continue;
      if (d.vpn1 === -1) cost += this.dropTable(d.root, index);
      else cost += this.dropLeaf(d.root, (d.vpn1 << 10) | index);
    }
    return cost;
  }

  /** sfence.vma in the guest: by address (any ASID: over-flushing is allowed) or everything. */
  fence(vm: Vm, va: number | undefined): number {
    this.count(vm).syncs++;
    let cost = COST.shadowSync;
    for (const r of this.roots.values()) {
      if (r.vm !== vm) continue;
      if (va === undefined) { for (const vpn1 of [...r.tables.keys()]) cost += this.dropTable(r, vpn1); }
      else cost += this.dropLeaf(r, va >>> 12);
    }
    return cost;
  }

  // ---- read-only views, for debuggers and panes (they create nothing) ----

  /** The live shadow roots of `vm`. */
  rootsOf(vm: Vm): readonly ShadowRoot[] { return [...this.roots.values()].filter((r) => r.vm === vm); }

  /** The shadow `enter` would install for guest satp `satp` in privilege `mode` (1 S, 0 U) with `vsstatus`, if it exists. */
  existingRoot(vm: Vm, satp: number, mode: number, vsstatus: number): ShadowRoot | undefined {
    return this.roots.get(rootKey(vm, satp >>> 0, mode, vsstatus));
  }

  /** The VM's live shadow roots, least recently used first. */
  shadowRoots(vm: Vm): ShadowRootView[] {
    return [...this.roots.values()].filter((r) => r.vm === vm && r.alive).sort((a, b) => a.lastUse - b.lastUse).map((r) => ({
      key: r.key, satp: r.satp >>> 0, mode: r.mode, sum: r.sum, mxr: r.mxr, root: r.root, asid: r.asid, lastUse: r.lastUse,
      tables: [...r.tables].sort((a, b) => a[0] - b[0]),
    }));
  }

  /** The key of the shadow a vCPU of `vm` with this guest satp, privilege and sstatus runs under (it may not exist yet). */
  rootKey(vm: Vm, satp: number, priv: number, sstatus: number): string { return rootKey(vm, satp >>> 0, priv, sstatus); }

  /** Guest page-table pages live shadows depend on (each is write-protected in every shadow), by address. */
  dependencies(vm: Vm): ShadowDependency[] {
    const out: ShadowDependency[] = [];
    for (const [k, list] of this.deps) {
      const [id, page] = k.split(':').map(Number);
      if (id !== vm.id) continue;
      const dependents = list.filter((d) => d.root.alive).map((d) => ({ root: d.root.key, vpn1: d.vpn1 }));
      if (dependents.length) out.push({ gpa: page * 4096, dependents });
    }
    return out.sort((a, b) => a.gpa - b.gpa);
  }

  /** Whether the VMM treats guest page `gpa` as a page table: shadow leaves mapping it never get W. */
  isWriteProtected(vm: Vm, gpa: number): boolean { return this.isPageTable(vm, gpa); }

  // ---- time travel: the shadow bookkeeping (the tables themselves are in RAM) ----

  snapshot(): unknown {
    return {
      clock: this.clock, counters: [...this.counters].map(([id, c]) => [id, { ...c }]),
      roots: [...this.roots.values()].map((r) => ({ key: r.key, vm: r.vm.id, satp: r.satp, mode: r.mode, sum: r.sum, mxr: r.mxr, root: r.root, tables: [...r.tables], asid: r.asid, lastUse: r.lastUse })),
      deps: [...this.deps].map(([k, list]) => [k, list.filter((d) => d.root.alive).map((d) => [d.root.key, d.vpn1])]),
      rmap: [...this.rmap].map(([k, list]) => [k, list.filter((m) => m.root.alive).map((m) => [m.root.key, m.vpn])]),
    };
  }

  restore(state: unknown, vms: readonly Vm[]): void {
    const s = state as { clock: number; counters: [number, ShadowCounters][];
      roots: { key: string; vm: number; satp: number; mode: number; sum: boolean; mxr: boolean; root: number; tables: [number, number][]; asid: number; lastUse: number }[];
      deps: [string, [string, number][]][]; rmap: [string, [string, number][]][] };
    for (const r of this.roots.values()) r.alive = false;
    this.roots.clear(); this.deps.clear(); this.rmap.clear();
    this.clock = s.clock;
    for (const [id, c] of s.counters) this.counters.set(id, { ...c });
    for (const r of s.roots) {
      const vm = vms.find((v) => v.id === r.vm)!;
      this.roots.set(r.key, { key: r.key, vm, satp: r.satp, mode: r.mode, sum: r.sum, mxr: r.mxr, root: r.root, tables: new Map(r.tables), asid: r.asid, lastUse: r.lastUse, alive: true });
    }
    for (const [k, list] of s.deps) this.deps.set(k, list.map(([key, vpn1]) => ({ root: this.roots.get(key)!, vpn1 })).filter((d) => d.root));
    for (const [k, list] of s.rmap) this.rmap.set(k, list.map(([key, vpn]) => ({ root: this.roots.get(key)!, vpn })).filter((m) => m.root));
  }

  // ---- shadow tables ----

  protected rootFor(vcpu: Vcpu, h: Hart): ShadowRoot {
    const vm = vcpu.vm, satp = h.vsatp >>> 0;
    const key = rootKey(vm, satp, vcpu.mode, h.vsstatus);
    let r = this.roots.get(key);
    if (r) return r;
    if ([...this.roots.values()].filter((x) => x.vm === vm).length >= MAX_ROOTS) this.evict(vm);
    // (when every root is in use by a hart, the cache grows past MAX_ROOTS for a while)
    const root = this.frameFor(vm, undefined);
    this.zero(root);
    r = { key, vm, satp, mode: vcpu.mode, sum: (h.vsstatus & (1 << 18)) !== 0, mxr: (h.vsstatus & (1 << 19)) !== 0,
      root, tables: new Map(), asid: this.takeAsid(), lastUse: ++this.clock, alive: true };
    this.created(r);
    this.roots.set(key, r);
    return r;
  }

  /**
   * A host frame for a shadow table. When host memory runs out the cache gives back its least
   * recently used roots (never `keep`, the one being filled) before giving up.
   */
  private frameFor(vm: Vm, keep: ShadowRoot | undefined): number {
    for (;;) {
      const f = this.pool.allocate(FRAME_VMM);
      if (f >= 0) return f;
      const before = this.roots.size;
      this.evict(vm, keep);
      if (this.roots.size === before) throw new RangeError('no host memory left for shadow page tables');
    }
  }

  /** A new shadow root exists (empty): the paravirtual mode populates it eagerly. */
  protected created(_r: ShadowRoot): void { /* shadow paging fills lazily */ }

  /** A real ASID; when all are taken, the least recently used root of any VM in this mode gives its back. */
  private takeAsid(): number {
    for (;;) {
      const a = this.asids.take();
      if (a !== undefined) return a;
      const before = this.roots.size;
      this.evict(undefined);
      if (this.roots.size === before) throw new RangeError('no real ASID left for shadow page tables');
    }
  }

  /** Gives back the least recently used root of `vm` (of any VM when undefined), never `keep`. */
  private evict(vm: Vm | undefined, keep?: ShadowRoot): void {
    let victim: ShadowRoot | undefined;
    // A root some hart has in satp right now stays: the hart walks it.
    const inUse = (r: ShadowRoot): boolean => this.harts.some((h) => (h.satp >>> 31) !== 0 && (h.satp & 0x3fffff) * 4096 === r.root);
    for (const r of this.roots.values()) {
      if ((vm === undefined || r.vm === vm) && r !== keep && !inUse(r) && (!victim || r.lastUse < victim.lastUse)) victim = r;
    }
    if (!victim) return;
    for (const vpn1 of [...victim.tables.keys()]) this.dropTable(victim, vpn1);
    this.pool.release(victim.root);
    victim.alive = false;
    this.roots.delete(victim.key);
    this.flushHarts(undefined, victim.asid);
    this.count(victim.vm).evictions++;
  }

  /** Shadow leaf permissions from the guest leaf, for the view (real U-mode runs both). */
  protected permissions(leaf: number, mode: number, sum: boolean, mxr: boolean, pageTable: boolean): number {
    const user = (leaf & PTE_U) !== 0;
    if (mode === 1 && user && !sum) return 0;
    if (mode === 0 && !user) return 0;
    let p = PTE_V | PTE_U | PTE_A | PTE_D;
    if ((leaf & PTE_R) || (mxr && (leaf & PTE_X))) p |= PTE_R;
    if ((leaf & PTE_X) && !(mode === 1 && user)) p |= PTE_X;
    // W only once the guest page is dirty (so the first store sets D) and never on a page table.
    if ((leaf & PTE_W) && (leaf & PTE_D) && !pageTable) p |= PTE_W;
    return p;
  }

  protected writeLeaf(r: ShadowRoot, va: number, gpa: number, perms: number): number {
    if (perms === 0) return 0;
    const vm = r.vm, vpn1 = va >>> 22;
    let cost = 0;
    let table = r.tables.get(vpn1);
    if (table === undefined) {
      table = this.frameFor(vm, r);
      this.zero(table);
      r.tables.set(vpn1, table);
      this.store(r.root + vpn1 * 4, (((table / 4096) << 10) | PTE_V) | 0);
      cost += COST.zeroPage;
    }
    const hpa = vm.memory.hostAddress(gpa);
    this.store(table + ((va >>> 12) & 0x3ff) * 4, (((Math.floor(hpa / 4096)) << 10) | perms) | 0);
    const k = pageKey(vm, gpa);
    let list = this.rmap.get(k);
    if (!list) { list = []; this.rmap.set(k, list); }
    if (!list.some((m) => m.root === r && m.vpn === va >>> 12)) list.push({ root: r, vpn: va >>> 12 });
    this.flushHarts(va, r.asid);
    return cost;
  }

  protected dropLeaf(r: ShadowRoot, vpn: number): number {
    const table = r.tables.get(vpn >>> 10);
    if (table === undefined) return 0;
    this.store(table + (vpn & 0x3ff) * 4, 0);
    this.flushHarts(vpn * 4096, r.asid);
    return COST.shadowDrop;
  }

  protected dropTable(r: ShadowRoot, vpn1: number): number {
    const table = r.tables.get(vpn1);
    if (table === undefined) return 0;
    r.tables.delete(vpn1);
    this.store(r.root + vpn1 * 4, 0);
    this.pool.release(table);
    this.flushHarts(undefined, r.asid);
    return COST.shadowDrop;
  }

  /** Registers that shadow `r` depends on guest page-table page `gpaPage`; write-protects it where it was writable. */
  protected depend(vm: Vm, gpaPage: number, r: ShadowRoot, vpn1: number): void {
    const k = pageKey(vm, gpaPage);
    let list = this.deps.get(k);
    if (!list) {
      list = [];
      this.deps.set(k, list);
      this.writeProtect(vm, gpaPage);
    }
    if (!list.some((d) => d.root === r && d.vpn1 === vpn1)) list.push({ root: r, vpn1 });
  }

  /** Guest page `gpaPage` is a page table now: every writable shadow mapping of it loses W. */
  protected writeProtect(vm: Vm, gpaPage: number): void {
    const k = pageKey(vm, gpaPage);
    const frame = vm.memory.hostAddress(gpaPage) / 4096;
    const live = (this.rmap.get(k) ?? []).filter((m) => m.root.alive);
    this.rmap.set(k, live);
    for (const m of live) {
      const table = m.root.tables.get(m.vpn >>> 10);
      if (table === undefined) continue;
      const at = table + (m.vpn & 0x3ff) * 4;
      const pte = this.bus.read(at, 4);
      if ((pte & PTE_W) && (pte >>> 10) === frame) {
        this.store(at, (pte & ~PTE_W) | 0);
        this.flushHarts(m.vpn * 4096, m.root.asid);
      }
    }
  }

  protected isPageTable(vm: Vm, gpa: number): boolean { return this.deps.has(pageKey(vm, gpa)); }

  protected count(vm: Vm): ShadowCounters { return this.counters.get(vm.id)!; }

  /** The real TLBs of every hart: drop what a shadow change invalidates. */
  protected flushHarts(va: number | undefined, asid: number): void {
    for (const h of this.harts) { h.mmu.flush(va, asid); h.hostTlb.flush(); }
  }

  private store(hpa: number, value: number): void {
    this.bus.write(hpa, 4, value);
    if (this.code.hasCode[this.bus.ramOffset(hpa) >>> 12]) this.code.invalidate(hpa, 4);
  }

  private zero(hpa: number): void {
    const off = this.bus.ramOffset(hpa);
    this.bus.noteWrite(off);
    this.bus.ram.fill(0, off, off + 4096);
  }
}

export function pageKey(vm: Vm, gpa: number): string { return `${vm.id}:${Math.floor(gpa / 4096)}`; }

/** One shadow per guest root and ASID (or Bare) and view: S with its SUM/MXR, or U with MXR. */
function rootKey(vm: Vm, satp: number, mode: number, vsstatus: number): string {
  const view = mode === 1 ? `S${(vsstatus >>> 18) & 3}` : `U${(vsstatus >>> 19) & 1}`;
  return `${vm.id}:${(satp >>> 31) ? `${(satp & 0x3fffff).toString(16)}:${(satp >>> 22) & 0x1ff}` : 'bare'}:${view}`;
}
