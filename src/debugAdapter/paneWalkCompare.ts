import { PTE_A, PTE_D, PTE_R, PTE_V, PTE_W, PTE_X } from '../engine/mmu/sv32';
import { walkTwoStage } from '../engine/mmu/twoStageWalk';
import type { ShadowRootView } from '../engine/vmm/shadowPaging';
import { COST } from '../engine/vmm/costModel';
import type { ExitRecord } from '../engine/vmm';
import type { ShadowSource } from './paneShadow';
import type { ShadowWalkStep, SyncCost, VmmWalkStep, WalkComparison } from './paneProtocol';
import { pteFlags } from './sv32Walk';

/**
 * One guest-virtual address of a deprivileged VM walked the three ways the Page tables pane puts
 * side by side: the hart's 1-D walk of the shadow table (two references, all the hardware ever
 * pays on a TLB miss), the 2-D walk nested paging would make on the same guest table (counted
 * by the caller with translateGrid over the P2M's model G stage), and the VMM's software walk
 * that filled the shadow entry on its hidden fault, with what keeping the shadows in step has
 * cost so far. Reads only.
 */

const RWX = PTE_R | PTE_W | PTE_X;

/** The TLB a walk would consult: the hart's ASID-tagged Sv32 TLB (read-only listing). */
export interface HartTlb { entries(): { vpn: number; asid: number }[] }

/** `log`: the VMM's recent exit records; `exits`: how many this VM has had in all (so the pane can say whether the log covers them). */
export function compareWalks(src: ShadowSource, r: ShadowRootView, gva: number, tlb: HartTlb | undefined, nestedReferences: number,
  log: readonly ExitRecord[], exits: number): WalkComparison {
  return {
    gva: gva >>> 0,
    shadow: shadowWalk(src, r, gva >>> 0, tlb),
    nestedReferences,
    vmm: vmmWalk(src, r, gva >>> 0, log),
    syncs: syncCosts(src, log, exits),
  };
}

/** The hart's walk of the shadow under the real satp: the root's PTE, then the level-0 table's. */
function shadowWalk(src: ShadowSource, r: ShadowRootView, gva: number, tlb: HartTlb | undefined): WalkComparison['shadow'] {
  const steps: ShadowWalkStep[] = [];
  let base = r.root, hpa: number | null = null, missing: string | undefined;
  for (let level = 1; level >= 0; level--) {
    const at = base + (level === 1 ? gva >>> 22 : (gva >>> 12) & 0x3ff) * 4;
    const pte = src.read(at);
    const leaf = pte !== undefined && (pte & RWX) !== 0;
    steps.push({ n: steps.length + 1, level, hpa: at, pte: pte === undefined ? null : pte >>> 0, flags: pte === undefined ? null : pteFlags(pte), leaf });
    if (pte === undefined || !(pte & PTE_V)) {
      missing = level === 1 ? 'no shadow table for this 4 MiB region yet' : 'no shadow entry for this page yet';
      break;
    }
    if (leaf) { hpa = (pte >>> 10) * 4096 + (gva & 0xfff); break; }
    base = (pte >>> 10) * 4096;
  }
  const vpn = gva >>> 12;
  const hit = hpa !== null && (tlb?.entries().some((e) => e.vpn === vpn && e.asid === r.asid) ?? false);
  const out: WalkComparison['shadow'] = { satp: (0x80000000 | (r.asid << 22) | (r.root / 4096)) >>> 0, steps, hpa, references: steps.length, tlb: hit ? 'hit' : 'miss' };
  if (missing) out.missing = `${missing}: the hart takes a page fault, the VMM finds the guest's table allows the access (a hidden fault) and fills it`;
  return out;
}

/**
 * The steps of the VMM's fill (shadowPaging.ts `fill` over guestPageWalk.ts `walkGuest`): per
 * guest level, a P2M lookup of the table page and the read of the guest PTE; the A/D update of
 * the guest leaf when it is due; the P2M lookup of the data page; the store of the shadow PTE.
 */
function vmmWalk(src: ShadowSource, r: ShadowRootView, gva: number, log: readonly ExitRecord[]): WalkComparison['vmm'] {
  const mem = src.vm.memory, steps: VmmWalkStep[] = [];
  const add = (kind: VmmWalkStep['kind'], what: string, gpa: number | null, hpa: number | null, value: number | null): void => {
    steps.push({ n: steps.length + 1, kind, what, gpa, hpa, value });
  };
  const hostOf = (gpa: number): number | null => { const a = mem.hostAddress(gpa); return a < 0 ? null : a; };
  let fault: string | undefined, gpa: number | null = null, leaf = 0;
  if ((r.satp >>> 31) === 0) {
    gpa = gva; leaf = PTE_V | RWX | PTE_A | PTE_D;
  } else {
    const w = walkTwoStage(src.g.read, r.satp, src.g.hgatp, gva);
    for (const read of w.reads.filter((x) => x.stage === 'VS')) {
      const page = read.pteAddress - (read.pteAddress % 4096);
      add('p2m', `P2M: the guest's level-${read.level} table page`, page, hostOf(page), null);
      add('read', `read the guest's level-${read.level} PTE`, read.pteAddress, read.hpa, read.pte ?? null);
    }
    if (w.gpa === undefined) fault = w.fault?.message ?? 'no leaf';
    else { gpa = w.gpa; leaf = w.vsLeaf!; }
  }
  if (gpa !== null) {
    if (!(leaf & PTE_A) && (r.satp >>> 31)) add('write', 'set A in the guest\'s leaf (and D for a store)', null, null, (leaf | PTE_A) >>> 0);
    const page = gpa - (gpa % 4096);
    add('p2m', 'P2M: the data page (backed now if it was not)', page, hostOf(page), null);
    const table = src.paging.shadowRoots(src.vm).find((x) => x.key === r.key)?.tables.find(([v]) => v === gva >>> 22)?.[1];
    const at = table === undefined ? null : table + ((gva >>> 12) & 0x3ff) * 4;
    const now = at === null ? undefined : src.read(at);
    add('write', 'write the shadow PTE (its value now)', null, at, now !== undefined && (now & PTE_V) ? now >>> 0 : null);
  }
  const page = gva >>> 12;
  const fill = [...log].reverse().find((x) => x.vm === src.vm.name && x.reason === 'hidden-fault' && hiddenFaultPage(x) === page);
  const out: WalkComparison['vmm'] = { steps, references: steps.length, cost: COST.worldSwitch + COST.shadowFill };
  if (fault) out.fault = fault;
  if (fill) out.filledBy = { seq: fill.seq, cost: fill.cost, summary: fill.summary, time: fill.time };
  return out;
}

/** The guest-virtual page of a hidden-fault record (its summary starts "read at 0x40000000: ..."). */
function hiddenFaultPage(x: ExitRecord): number | undefined {
  const m = /^\w+ at 0x([0-9a-f]+)/.exec(x.summary);
  return m ? parseInt(m[1], 16) >>> 12 : undefined;
}

/** Exits spent keeping this VM's shadows in step, from the VMM's log (its last 4096 records). */
function syncCosts(src: ShadowSource, log: readonly ExitRecord[], exits: number): WalkComparison['syncs'] {
  const zero = (): SyncCost => ({ exits: 0, hostInstructions: 0 });
  const s = { fills: zero(), ptWrites: zero(), fences: zero() };
  let window = 0;
  for (const x of log) {
    if (x.vm !== src.vm.name) continue;
    window++;
    const kind = x.reason === 'hidden-fault' ? s.fills
      : x.reason === 'pt-write' || x.handler === 'pv.mmu_update' ? s.ptWrites
        : x.handler === 'emulate.sfence_vma' || x.handler === 'pv.flush' ? s.fences : undefined;
    if (kind) { kind.exits++; kind.hostInstructions += x.cost; }
  }
  return { ...s, rootSwitches: src.paging.stats(src.vm).rootSwitches, window, complete: window >= exits };
}
