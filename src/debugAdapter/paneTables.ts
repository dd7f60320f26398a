import type { TwoStageMmu } from '../engine/mmu/twoStage';
import { walkGStage, walkTwoStage, ReadWord, TwoStageWalk } from '../engine/mmu/twoStageWalk';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../engine/mmu/sv32';
import type { PageTable, PteEntry, TranslateResult, WalkCell, WalkRow } from './paneProtocol';
import { pteFlags } from './sv32Walk';

/**
 * The Page tables pane's data: one table of either stage at a time (so a big eager VM's 16K
 * leaves are fetched only as the user opens them) and the 2-D walk laid out as a grid with the
 * TLB's verdict per memory reference. Reads memory through `read` only: no A/D bits set, no TLB
 * filled (the TLB is looked at with TwoStageMmu's read-only probes).
 */

const FOUR_MIB = 0x400000;

/** The G-stage table at host-physical `address` (level 1: the 16 KiB Sv32x4 root). */
export function gStageTable(read: ReadWord, address: number, level: number, base: number): PageTable {
  const slots = level === 1 ? 4096 : 1024;
  const table: PageTable = { stage: 'G', level, address, hostAddress: address, base, entries: [], slots };
  for (let i = 0; i < slots; i++) {
    const pte = read(address + i * 4);
    if (pte === undefined) { table.error = `HPA 0x${(address + i * 4).toString(16)} is not memory`; break; }
    if (pte & PTE_V) table.entries.push(entry(pte, i, level, base, true));
  }
  return table;
}

/**
 * The VS-stage table at guest-physical `address` (its page found through the G stage under
 * `hgatp`, or `gStage` named otherwise: a deprivileged VM's P2M); each leaf also says where its page is in the host now.
 */
export function vsStageTable(read: ReadWord, hgatp: number, address: number, level: number, base: number, gStage = 'the G stage'): PageTable {
  const where = walkGStage(read, hgatp, address);
  const table: PageTable = { stage: 'VS', level, address, hostAddress: where.hpa ?? null, base, entries: [], slots: 1024 };
  if (where.hpa === undefined) {
    table.error = `the table's page GPA 0x${address.toString(16)} is not mapped in ${gStage}` + (where.fault ? `: ${where.fault.message}` : '');
    return table;
  }
  for (let i = 0; i < 1024; i++) {
    const pte = read(where.hpa + i * 4);
    if (pte === undefined) { table.error = `HPA 0x${(where.hpa + i * 4).toString(16)} is not memory`; break; }
    if (!(pte & PTE_V)) continue;
    const e = entry(pte, i, level, base, false);
    if (e.leaf) e.hpa = walkGStage(read, hgatp, e.to).hpa ?? null;
    table.entries.push(e);
  }
  return table;
}

function entry(pte: number, index: number, level: number, base: number, gStage: boolean): PteEntry {
  const size = level === 1 ? FOUR_MIB : 4096;
  const ppn = pte >>> 10;
  const leaf = (pte & (PTE_R | PTE_W | PTE_X)) !== 0;
  const e: PteEntry = { index, pte: pte >>> 0, flags: pteFlags(pte), leaf, from: base + index * size, size, to: ppn * 4096 };
  const problem = structuralProblem(pte, level, leaf, gStage);
  if (problem) e.problem = problem;
  return e;
}

/** What the hardware would fault on in this valid PTE whatever the access (as twoStageWalk checks). */
function structuralProblem(pte: number, level: number, leaf: boolean, gStage: boolean): string | undefined {
  if ((pte & (PTE_R | PTE_W)) === PTE_W) return 'W without R (reserved)';
  if (!leaf) {
    if (pte & (PTE_A | PTE_D | PTE_U)) return 'A, D or U set in a pointer (reserved)';
    if (level === 0) return 'a pointer at level 0';
    return undefined;
  }
  if (level === 1 && ((pte >>> 10) & 0x3ff) !== 0) return 'misaligned superpage (PPN[0] != 0)';
  if (gStage && !(pte & PTE_U)) return 'G-stage leaf without U';
  return undefined;
}

/** The TLB state `translate` consults: the hart's two-stage caches (read-only probes). */
export type TlbProbe = Pick<TwoStageMmu, 'probeCombined' | 'probeGStage'>;

const CACHE_SLOTS = 512;

/**
 * The 2-D walk of `gva` as a grid: a row per VS level and one for the data, columns G1/G0 (the
 * G-stage walk of the row's guest-physical address) and VS (the VS PTE read). Each reference is
 * a hit when the hardware would not make it: the combined GVA->HPA entry covers the whole walk;
 * a G-stage entry (present now, or filled by an earlier row of this same walk, as the hardware's
 * direct-mapped cache would be) covers its row's G-stage references. VS PTEs are never cached.
 */
export function translateGrid(read: ReadWord, vsatp: number, hgatp: number, gva: number, tlb: TlbProbe | undefined, hart: number): TranslateResult {
  const w = walkTwoStage(read, vsatp, hgatp, gva);
  const rows = gridRows(w);
  const vsBefore = (n: number): number => w.reads.filter((r) => r.stage === 'VS' && r.n < n).length;
  const combined = tlb?.probeCombined(gva >>> 0, vsatp, hgatp) !== undefined;
  // The G-stage cache as the walk goes: slot -> guest-physical page filled by an earlier row.
  const filled = new Map<number, number>();
  for (const row of rows) {
    if (row.gpa === null) continue;
    const gppn = Math.floor(row.gpa / 4096), slot = gppn % CACHE_SLOTS;
    const hit = filled.has(slot) ? filled.get(slot) === gppn : tlb?.probeGStage(row.gpa, hgatp) !== undefined;
    row.gTlb = combined || hit ? 'hit' : 'miss';
    if ((hgatp >>> 31) !== 0) filled.set(slot, gppn);
  }
  const cells: WalkCell[] = w.reads.map((r) => {
    const row = vsBefore(r.n);
    return {
      n: r.n, row, col: r.stage === 'VS' ? 'VS' : r.level === 1 ? 'G1' : 'G0', stage: r.stage, level: r.level,
      pteAddress: r.pteAddress, hpa: r.hpa, pte: r.pte === undefined ? null : r.pte >>> 0, flags: r.pte === undefined ? null : pteFlags(r.pte),
      leaf: r.leaf, tlb: combined || (r.stage === 'G' && rows[row]?.gTlb === 'hit') ? 'hit' : 'miss',
    };
  });
  const result: TranslateResult = {
    gva: gva >>> 0, vsatp: vsatp >>> 0, hgatp: hgatp >>> 0, gpa: w.gpa ?? null, hpa: w.hpa ?? null, rows, cells,
    references: cells.length, referencesWithTlb: cells.filter((c) => c.tlb === 'miss').length, combinedTlb: combined ? 'hit' : 'miss', hart,
  };
  if (w.fault) result.fault = { step: w.fault.step, stage: w.fault.stage, kind: w.fault.kind, message: w.fault.message };
  return result;
}

/** One row per translation the walk did or attempted: VS levels in order, then the data. */
function gridRows(w: TwoStageWalk): WalkRow[] {
  const vsReads = w.reads.filter((r) => r.stage === 'VS');
  const rows: WalkRow[] = vsReads.map((r, k) => ({
    label: `VS L${r.level}`, gpa: r.pteAddress, hpa: w.translations[k]?.hpa ?? null, gTlb: 'miss',
  }));
  if (w.gpa !== undefined) {
    rows.push({ label: 'data', gpa: w.gpa, hpa: w.hpa ?? null, gTlb: 'miss' });
  } else if (w.fault && w.fault.stage === 'G') {
    // The G stage failed on the next VS PTE's address: that row has G references and no VS read.
    rows.push({ label: `VS L${1 - vsReads.length}`, gpa: w.fault.gpa ?? null, hpa: null, gTlb: 'miss' });
  }
  return rows;
}
