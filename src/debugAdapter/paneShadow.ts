import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../engine/mmu/sv32';
import { walkTwoStage, ReadWord } from '../engine/mmu/twoStageWalk';
import type { ParavirtPaging } from '../engine/vmm/paravirtPaging';
import type { ShadowPaging, ShadowRootView } from '../engine/vmm/shadowPaging';
import type { Vm } from '../engine/vmm';
import type { ModelGStage } from './paneP2m';
import type { PageTable, PteEntry, ShadowRootInfo, TableProtection } from './paneProtocol';
import { pteFlags } from './sv32Walk';

/**
 * The shadow side of the Page tables pane, for a VM that runs deprivileged (shadow or
 * paravirtual paging): its shadow roots, one shadow table at a time with every leaf checked
 * against the composition of the guest's table and the P2M now, and the guest page-table pages
 * the VMM write-protects. Reads only (the VMM's read-only accessors, memory through `read`).
 *
 * The composition is worked out here, from the guest's leaf and the spec's permission rules,
 * rather than asked of the VMM, so a shadow entry the VMM failed to drop shows as stale.
 */

const RWX = PTE_R | PTE_W | PTE_X;

/** What the pane needs of a deprivileged VM's paging mode. */
export interface ShadowSource {
  vm: Vm;
  paging: ShadowPaging;
  /** Memory for walks (host-physical words, the model G stage in its window). */
  g: ModelGStage;
  /** Host-physical words (shadow tables live in VMM frames). */
  read: ReadWord;
}

/** The guest page-table pages the VMM write-protects now, by guest-physical page. */
export function protections(src: ShadowSource): Map<number, TableProtection> {
  const out = new Map<number, TableProtection>();
  for (const d of src.paging.dependencies(src.vm)) {
    const roots = new Set(d.dependents.map((x) => x.root));
    out.set(d.gpa, { gpa: d.gpa, kind: 'shadow', level: d.dependents.some((x) => x.vpn1 === -1) ? 1 : 0, shadows: roots.size });
  }
  if (src.paging.kind === 'paravirt') {
    for (const p of (src.paging as ParavirtPaging).pinnedTables(src.vm)) {
      out.set(p.gpa, { gpa: p.gpa, kind: 'pinned', level: p.level, shadows: out.get(p.gpa)?.shadows ?? 0 });
    }
  }
  return out;
}

/** Marks a VS table (and its pointers' targets) that the VMM write-protects. */
export function markProtected(table: PageTable, protectedPages: Map<number, TableProtection>): PageTable {
  const own = protectedPages.get(table.address - (table.address % 4096));
  if (own) table.protection = own;
  for (const e of table.entries) {
    const p = !e.leaf ? protectedPages.get(e.to) : undefined;
    if (p) e.protectedTable = p;
  }
  return table;
}

/** What the guest's table and the P2M say one guest-virtual page of a shadow root should map to. */
interface Composed { gpa: number | null; hpa: number | null; leaf: number; perms: number; none?: string }

function compose(src: ShadowSource, r: ShadowRootView, va: number): Composed {
  const w = walkTwoStage(src.g.read, r.satp, src.g.hgatp, va);
  if (w.gpa === undefined) return { gpa: null, hpa: null, leaf: 0, perms: 0, none: `the guest's table maps no page there now (${w.fault?.message ?? 'no leaf'})` };
  const leaf = (r.satp >>> 31) ? w.vsLeaf! : PTE_V | RWX | PTE_A | PTE_D;
  const gpa = w.gpa - (w.gpa % 4096);
  const hpa = src.vm.memory.hostAddress(gpa);
  const c: Composed = { gpa, hpa: hpa < 0 ? null : hpa, leaf, perms: 0 };
  const user = (leaf & PTE_U) !== 0;
  if (!src.vm.memory.isRam(gpa)) c.none = `the guest maps it to GPA 0x${gpa.toString(16)}, not RAM (a device: its accesses must trap)`;
  else if (r.mode === 1 && user && !r.sum) c.none = 'a user page, and this view is the guest kernel with SUM=0';
  else if (r.mode === 0 && !user) c.none = 'a supervisor page, and this view is guest user code';
  if (c.none) return c;
  if ((leaf & PTE_R) || (r.mxr && (leaf & PTE_X))) c.perms |= PTE_R;
  if ((leaf & PTE_X) && !(r.mode === 1 && user)) c.perms |= PTE_X;
  // W needs a dirty guest page (the first store must reach the VMM to set D; paravirtual paging
  // sets A and D up front) and a page that is not a page table.
  const dirty = (leaf & PTE_D) !== 0 || src.paging.kind === 'paravirt';
  if ((leaf & PTE_W) && dirty && !src.paging.isWriteProtected(src.vm, gpa)) c.perms |= PTE_W;
  return c;
}

/** Checks one shadow leaf against the composition now; fills `gpa`, `stale`, `writeProtected`. */
function judge(src: ShadowSource, r: ShadowRootView, e: PteEntry): void {
  const c = compose(src, r, e.from);
  e.gpa = c.gpa;
  const have = e.pte & RWX, fmt = (p: number): string => pteFlags(p).slice(-4, -1).split('').reverse().join('').replace(/-/g, '') || 'none';
  if (c.none) e.stale = `${c.none}, yet the shadow maps it`;
  else if (c.hpa !== e.to) e.stale = c.hpa === null ? `GPA 0x${c.gpa!.toString(16)} has no host page now, yet the shadow maps HPA 0x${e.to.toString(16)}`
    : `the guest's table and the P2M give HPA 0x${c.hpa.toString(16)}, the shadow has 0x${e.to.toString(16)}`;
  else if (have !== c.perms) e.stale = `permissions ${fmt(have)}, the composition gives ${fmt(c.perms)}`;
  else if (src.paging.kind === 'shadow' && !(c.leaf & PTE_A)) e.stale = 'the guest\'s A bit is clear: the next access must reach the VMM to set it';
  if (!(e.pte & PTE_W) && (c.leaf & PTE_W) && !c.none) {
    if (src.paging.isWriteProtected(src.vm, c.gpa!)) e.writeProtected = 'page-table';
    else if (!(c.leaf & PTE_D) && src.paging.kind === 'shadow') e.writeProtected = 'not-dirty';
  }
}

/** A shadow table (host-physical `address`) of root `r`: level 1 its root, level 0 a leaf table; leaves judged. */
export function shadowTable(src: ShadowSource, r: ShadowRootView, address: number, level: number, base: number): PageTable {
  const table: PageTable = { stage: 'shadow', level, address, hostAddress: address, base, entries: [], slots: 1024 };
  const size = level === 1 ? 0x400000 : 4096;
  for (let i = 0; i < 1024; i++) {
    const pte = src.read(address + i * 4);
    if (pte === undefined) { table.error = `HPA 0x${(address + i * 4).toString(16)} is not memory`; break; }
    if (!(pte & PTE_V)) continue;
    const leaf = (pte & RWX) !== 0;
    const e: PteEntry = { index: i, pte: pte >>> 0, flags: pteFlags(pte), leaf, from: base + i * size, size, to: (pte >>> 10) * 4096 };
    if (leaf && level === 1) e.problem = 'a superpage (the VMM only writes 4 KiB shadow leaves)';
    else if (!leaf && level === 0) e.problem = 'a pointer at level 0';
    if (leaf) judge(src, r, e);
    table.entries.push(e);
  }
  return table;
}

/** The root a table address belongs to (its root, or one of its level-0 tables). */
export function rootOwning(roots: ShadowRootView[], address: number): ShadowRootView | undefined {
  return roots.find((r) => r.root === address || r.tables.some(([, t]) => t === address));
}

/** The pane's list of roots: each with its counts (every leaf judged) and the vCPUs running under it. */
export function rootInfos(src: ShadowSource, roots: ShadowRootView[], running: Map<string, string[]>): ShadowRootInfo[] {
  return roots.map((r) => {
    let leaves = 0, stale = 0, writeProtected = 0;
    for (const [vpn1, t] of r.tables) {
      for (const e of shadowTable(src, r, t, 0, vpn1 * 0x400000).entries) {
        leaves++;
        if (e.stale) stale++;
        if (e.writeProtected) writeProtected++;
      }
    }
    const bare = (r.satp >>> 31) === 0;
    return {
      key: r.key, guestSatp: r.satp, guestRoot: bare ? null : (r.satp & 0x3fffff) * 4096, guestAsid: bare ? 0 : (r.satp >>> 22) & 0x1ff,
      view: r.mode === 1 ? 'S' : 'U', sum: r.sum, mxr: r.mxr,
      satp: (0x80000000 | (r.asid << 22) | (r.root / 4096)) >>> 0, root: r.root, asid: r.asid,
      tables: r.tables.length, leaves, stale, writeProtected, vcpus: running.get(r.key) ?? [],
    };
  });
}
