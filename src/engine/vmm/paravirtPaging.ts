import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu/sv32';
import { COST } from './costModel';
import { pageKey, ShadowPaging, ShadowRoot } from './shadowPaging';
import type { Vm } from './vm';

/** Most requests one mmu_update may carry (docs/PARAVIRT.md). */
export const MMU_UPDATE_MAX = 512;

export interface ParavirtCounters { pins: number; unpins: number; updates: number; denied: number; validations: number }

/**
 * Xen-style direct paging, for a guest running deprivileged like under shadow paging. The
 * guest's page-table pages are validated and pinned: every valid entry may only map the VM's own
 * RAM or its devices, may map a pinned table page only read-only, and may only point to pinned
 * tables. Pinned pages are read-only to the guest; an update goes through `mmu_update` (batched,
 * all-or-nothing) or, for an unmodified guest, a trapped store that is validated and applied
 * (Xen's writable page tables). The hardware's tables are kept in step eagerly, on every pin
 * and every update, so a PV guest takes no hidden faults. Unlike classic Xen PV (whose guests
 * write machine frame numbers), PTEs hold guest-physical frames, as with Xen's auto-translated
 * mode, so one guest image runs under every paging mode.
 */
export class ParavirtPaging extends ShadowPaging {
  override readonly kind = 'paravirt' as const;
  readonly pv = new Map<number, ParavirtCounters>();
  /** Pinned page-table pages: level (1 root, 0 leaf table) by VM and guest-physical page. */
  private readonly pinned = new Map<string, number>();
  /** Pins a PV guest asked for (pin_table); the others were made for an unmodified guest and may lapse. */
  private readonly explicit = new Set<string>();

  override attach(vm: Vm): void {
    super.attach(vm);
    this.pv.set(vm.id, { pins: 0, unpins: 0, updates: 0, denied: 0, validations: 0 });
  }

  pvStats(vm: Vm): ParavirtCounters & { pinned: number } {
    let pinned = 0;
    for (const k of this.pinned.keys()) if (k.startsWith(`${vm.id}:`)) pinned++;
    return { ...this.pv.get(vm.id)!, pinned };
  }

  isPinned(vm: Vm, gpa: number): boolean { return this.pinned.has(pageKey(vm, gpa)); }

  /** The VM's pinned page-table pages and their levels (1 root, 0 leaf table), by address; read-only. */
  pinnedTables(vm: Vm): { gpa: number; level: number }[] {
    const out: { gpa: number; level: number }[] = [];
    for (const [k, level] of this.pinned) {
      const [id, page] = k.split(':').map(Number);
      if (id === vm.id) out.push({ gpa: page * 4096, level });
    }
    return out.sort((a, b) => a.gpa - b.gpa);
  }

  /** Pins a table page after validating it (and, for a root, the tables it points to). Returns why not, or undefined. */
  /**
   * `explicit` (a PV guest's pin_table or set_satp) applies every rule; a pin made for an
   * unmodified guest (its trapped csrw satp) tolerates its own writable mappings of its tables,
   * as Xen's writable page tables do: the hardware's entries drop W and the stores trap.
   */
  pin(vm: Vm, gpa: number, level: number, explicit = false): string | undefined {
    const page = Math.floor(gpa / 4096) * 4096;
    const have = this.pinned.get(pageKey(vm, page));
    if (have !== undefined) {
      if (have === level && explicit) this.explicit.add(pageKey(vm, page));
      return have === level ? undefined : `0x${page.toString(16)} is pinned as a level-${have} table`;
    }
    // The tables this pin will protect count as pinned while it validates: a root may not map itself writable.
    const why = this.validateTable(vm, page, level, new Set(), explicit ? this.tablesOf(vm, page, level) : undefined);
    if (why) { this.counters2(vm).denied++; return why; }
    this.pinAll(vm, page, level);
    if (explicit) this.explicit.add(pageKey(vm, page));
    return undefined;
  }

  unpin(vm: Vm, gpa: number): string | undefined {
    const page = Math.floor(gpa / 4096) * 4096, k = pageKey(vm, page);
    if (!this.pinned.has(k)) return `0x${page.toString(16)} is not pinned`;
    for (const r of this.roots.values()) if (r.vm === vm && (r.satp >>> 31) && (r.satp & 0x3fffff) * 4096 === page) return `0x${page.toString(16)} is a root in use`;
    this.pinned.delete(k);
    this.explicit.delete(k);
    this.counters2(vm).unpins++;
    return undefined;
  }

  /** Cost of work done outside an exit's handler (eager population of a new root), by VM, for its next exit to bear. */
  private owed = new Map<number, number>();

  override takeOwedCost(vm: Vm): number { const c = this.owed.get(vm.id) ?? 0; this.owed.delete(vm.id); return c; }

  /**
   * Validates a batch of PTE writes (address, value) against the rules; applies all of them or
   * none. Returns the error ('denied' / 'invalid') and why.
   */
  update(vm: Vm, requests: readonly [number, number][]): { error: 'denied' | 'invalid' | undefined; why: string; cost: number } {
    let cost = COST.hypercall;
    for (const [at, value] of requests) {
      if ((at & 3) !== 0 || !vm.memory.isRam(at)) return { error: 'invalid', why: `PTE address 0x${(at >>> 0).toString(16)} is not an aligned word of guest RAM`, cost };
      const level = this.pinned.get(pageKey(vm, at));
      if (level === undefined) { this.counters2(vm).denied++; return { error: 'denied', why: `0x${(at >>> 0).toString(16)} is not in a pinned page table`, cost }; }
      const why = this.validateEntry(vm, value >>> 0, level, new Set(), new Set());
      cost += COST.pvValidate;
      if (why) { this.counters2(vm).denied++; return { error: 'denied', why: `PTE at 0x${(at >>> 0).toString(16)} = 0x${(value >>> 0).toString(16)}: ${why}`, cost }; }
    }
    for (const [at, value] of requests) {
      const v = value >>> 0;
      if ((v & PTE_V) && !(v & (PTE_R | PTE_W | PTE_X))) this.pinAll(vm, (v >>> 10) * 4096, 0);
      vm.memory.write(at, Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24));
      cost += this.ptWritten(vm, at);
      this.counters2(vm).updates++;
    }
    return { error: undefined, why: '', cost };
  }

  /** A trapped store into a pinned table by an unmodified guest: the resulting word, validated. */
  validateStore(vm: Vm, gpa: number, width: number, value: number): string | undefined {
    const word = (gpa & ~3) >>> 0;
    const level = this.pinned.get(pageKey(vm, word));
    if (level === undefined) return undefined;
    const old = vm.memory.read(word, 4)!;
    const bytes = Uint8Array.from(old);
    for (let i = 0; i < width; i++) bytes[(gpa & 3) + i] = (value >>> (8 * i)) & 0xff;
    const v = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
    const why = this.validateEntry(vm, v, level, new Set(), undefined);
    if (why && !this.explicit.has(pageKey(vm, word)) && !this.reachable(vm, word)) {
      // A frame that was a page table and is data now (an unmodified guest never unpins): as Xen
      // drops a page's type when its last table reference goes, the store is an ordinary one.
      this.pinned.delete(pageKey(vm, word));
      this.counters2(vm).unpins++;
      return undefined;
    }
    if (why) this.counters2(vm).denied++;
    else if ((v & PTE_V) && !(v & (PTE_R | PTE_W | PTE_X))) this.pinAll(vm, (v >>> 10) * 4096, 0);
    return why;
  }

  /**
   * Whether one of the VM's vCPUs has `page` in its current address space (its satp's root or a
   * leaf table of it). Cached shadows of address spaces it left do not count: they are the VMM's.
   */
  private reachable(vm: Vm, page: number): boolean {
    const target = Math.floor(page / 4096) * 4096;
    for (const v of vm.vcpus) {
      const satp = v.guestCsrs(v.hart >= 0 ? this.harts[v.hart] : undefined).vsatp;
      if (!(satp >>> 31)) continue;
      const root = (satp & 0x3fffff) * 4096;
      if (root === target || this.tablesOf(vm, root, 1).has(target)) return true;
    }
    return false;
  }

  /** A table page and, for a root, the leaf tables its valid non-leaf entries point to. */
  private tablesOf(vm: Vm, page: number, level: number): Set<number> {
    const out = new Set<number>([page]);
    if (level !== 1) return out;
    const bytes = vm.memory.read(page, 4096);
    if (!bytes) return out;
    const view = new DataView(bytes.buffer, bytes.byteOffset, 4096);
    for (let i = 0; i < 1024; i++) {
      const pte = view.getUint32(i * 4, true);
      if ((pte & PTE_V) && !(pte & (PTE_R | PTE_W | PTE_X))) out.add((pte >>> 10) * 4096);
    }
    return out;
  }

  /** The guest's satp is changing (trapped csrw satp, or set_satp): its root must validate. */
  validateRoot(vm: Vm, satp: number, explicit = false): string | undefined {
    if ((satp >>> 31) === 0) return undefined;
    return this.pin(vm, (satp & 0x3fffff) * 4096, 1, explicit);
  }

  /** A guest page-table store: re-derive the affected hardware entries now (eager, no hidden faults). */
  override ptWritten(vm: Vm, gpa: number): number {
    let cost = super.ptWritten(vm, gpa);
    // Only the entries the written word describes: for each shadow that depends on the page, one
    // root slot (4 MiB) or one leaf (4 KiB).
    const index = (gpa % 4096) >>> 2;
    for (const d of [...(this.deps.get(pageKey(vm, gpa)) ?? [])]) {
      if (!d.root.alive) continue;
      const from = d.vpn1 === -1 ? index << 10 : (d.vpn1 << 10) | index;
      cost += this.populate(d.root, [from, from + (d.vpn1 === -1 ? 1024 : 1)]);
    }
    return cost;
  }

  /** The hardware's entries are kept in step on every validated update: a fence only flushes TLBs. */
  override fence(vm: Vm, va: number | undefined): number {
    this.count(vm).syncs++;
    for (const r of this.roots.values()) if (r.vm === vm && r.alive) this.flushHarts(va, r.asid);
    return COST.shadowSync;
  }

  /** A new root: pin the guest's table and map everything it maps, for this view. */
  protected override created(r: ShadowRoot): void {
    if (!(r.satp >>> 31)) return;
    const root = (r.satp & 0x3fffff) * 4096;
    if (!this.isPinned(r.vm, root)) this.pin(r.vm, root, 1);
    this.depend(r.vm, root, r, -1);
    this.owed.set(r.vm.id, (this.owed.get(r.vm.id) ?? 0) + this.populate(r, undefined));
  }

  protected override isPageTable(vm: Vm, gpa: number): boolean { return this.isPinned(vm, gpa) || super.isPageTable(vm, gpa); }

  // ---- eager population ----

  /** Writes hardware entries for every guest mapping in VPN range [from, to) of root `r`. Returns the cost. */
  private populate(r: ShadowRoot, range: [number, number] | undefined): number {
    const vm = r.vm, mem = vm.memory;
    const [from, to] = range ?? [0, 1 << 20];
    if (from >= to) return 0;
    let cost = 0;
    const word = (gpa: number): number => { const b = mem.read(gpa, 4); return b ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 : 0; };
    if (!(r.satp >>> 31)) return 0; // Bare: filled lazily, as under shadow paging
    const root = (r.satp & 0x3fffff) * 4096;
    for (let vpn1 = from >>> 10; vpn1 <= (to - 1) >>> 10; vpn1++) {
      const top = word(root + vpn1 * 4);
      if (!(top & PTE_V)) continue;
      const leaf = (top & (PTE_R | PTE_W | PTE_X)) !== 0;
      if (!leaf) this.depend(vm, (top >>> 10) * 4096, r, vpn1);
      const lo = Math.max(from, vpn1 << 10), hi = Math.min(to, (vpn1 + 1) << 10);
      for (let vpn = lo; vpn < hi; vpn++) {
        const pte = leaf ? top : word((top >>> 10) * 4096 + (vpn & 0x3ff) * 4);
        if (!(pte & PTE_V) || !(pte & (PTE_R | PTE_W | PTE_X))) continue;
        const gpa = leaf ? (top >>> 20) * 0x400000 + (vpn & 0x3ff) * 4096 : (pte >>> 10) * 4096;
        if (!mem.isRam(gpa)) continue; // devices stay unmapped: their accesses trap to the device models
        // Fresh memory is backed on first touch (a hidden fault that fills the entry), as every mode
        // backs lazily: populating must not zero pages the guest maps but never uses.
        if (mem.hostAddress(gpa) < 0) continue;
        // As the guest's hardware would on first use: A (and D for writable pages) set up front.
        const perms = this.permissions(pte | PTE_A | ((pte & PTE_W) ? PTE_D : 0), r.mode, r.sum, r.mxr, this.isPageTable(vm, gpa));
        cost += this.writeLeaf(r, vpn << 12, gpa, perms) + COST.pvPopulate;
      }
    }
    return cost;
  }

  // ---- validation (docs/PARAVIRT.md) ----

  /** `pending` (strict validation only): tables this pin will protect, checked as if already pinned. */
  private validateTable(vm: Vm, page: number, level: number, visiting: Set<number>, pending: Set<number> | undefined): string | undefined {
    if (!vm.memory.isRam(page)) return `table 0x${page.toString(16)} is not guest RAM`;
    if (visiting.has(page)) return undefined;
    visiting.add(page);
    const bytes = vm.memory.read(page, 4096)!;
    const view = new DataView(bytes.buffer, bytes.byteOffset, 4096);
    for (let i = 0; i < 1024; i++) {
      const why = this.validateEntry(vm, view.getUint32(i * 4, true), level, visiting, pending);
      if (why) return `entry ${i} of the level-${level} table at 0x${page.toString(16)}: ${why}`;
    }
    this.counters2(vm).validations++;
    return undefined;
  }

  private validateEntry(vm: Vm, pte: number, level: number, visiting: Set<number>, pending: Set<number> | undefined): string | undefined {
    if (!(pte & PTE_V)) return undefined;
    if ((pte & (PTE_R | PTE_W)) === PTE_W) return 'W without R is reserved';
    const target = (pte >>> 10) * 4096;
    if (!(pte & (PTE_R | PTE_W | PTE_X))) {
      if (level === 0) return 'a level-0 entry must be a leaf';
      if (pte & (PTE_A | PTE_D | PTE_U)) return 'A, D and U are reserved in a non-leaf entry';
      const have = this.pinned.get(pageKey(vm, target));
      if (have === 0) return undefined;
      if (have === 1) return `0x${target.toString(16)} is pinned as a root, not a leaf table`;
      return this.validateTable(vm, target, 0, visiting, pending);
    }
    const span = level === 1 ? 0x400000 : 0x1000;
    if (level === 1 && ((pte >>> 10) & 0x3ff) !== 0) return 'misaligned superpage';
    const base = level === 1 ? (pte >>> 20) * 0x400000 : target;
    // What a VM owns in guest-physical terms: its RAM, and its I/O space below RAM, where its
    // device models answer (accesses there always trap; nothing of the host is reachable).
    const own = (vm.memory.isRam(base) && vm.memory.isRam(base + span - 1)) || base + span <= vm.memory.base;
    if (!own) return `0x${base.toString(16)} is not a frame this VM owns (its RAM or its I/O space)`;
    if ((pte & PTE_W) && pending) {
      for (let p = base; p < base + span; p += 4096) {
        if (this.pinned.has(pageKey(vm, p)) || pending.has(p)) return `maps the pinned page table at 0x${p.toString(16)} writable`;
      }
    }
    return undefined;
  }

  /** Pins `page` at `level`, and for a root every leaf table it points to (they validated already). */
  private pinAll(vm: Vm, page: number, level: number): void {
    const k = pageKey(vm, page);
    if (this.pinned.has(k)) return;
    this.pinned.set(k, level);
    this.counters2(vm).pins++;
    this.writeProtect(vm, page);
    if (level === 1) {
      const bytes = vm.memory.read(page, 4096)!;
      const view = new DataView(bytes.buffer, bytes.byteOffset, 4096);
      for (let i = 0; i < 1024; i++) {
        const pte = view.getUint32(i * 4, true);
        if ((pte & PTE_V) && !(pte & (PTE_R | PTE_W | PTE_X))) this.pinAll(vm, (pte >>> 10) * 4096, 0);
      }
    }
  }

  private counters2(vm: Vm): ParavirtCounters { return this.pv.get(vm.id)!; }

  override snapshot(): unknown {
    return { base: super.snapshot(), pinned: [...this.pinned], explicit: [...this.explicit], owed: [...this.owed], pv: [...this.pv].map(([id, c]) => [id, { ...c }]) };
  }

  override restore(state: unknown, vms: readonly Vm[]): void {
    const s = state as { base: unknown; pinned: [string, number][]; explicit: string[]; owed: [number, number][]; pv: [number, ParavirtCounters][] };
    super.restore(s.base, vms);
    this.pinned.clear();
    for (const [k, l] of s.pinned) this.pinned.set(k, l);
    this.explicit.clear();
    for (const k of s.explicit) this.explicit.add(k);
    this.owed = new Map(s.owed);
    for (const [id, c] of s.pv) this.pv.set(id, { ...c });
  }
}
