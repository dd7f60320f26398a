import { EXIT_REASON_LABELS, EXIT_REASONS } from '../engine/vmm/exits';
import type { CompareModeResult, CompareReportData } from '../extension/compareProtocol';

/**
 * The rows of the table `hyperstep compare` prints, as data: one row per figure, one cell per
 * mode. The CLI (compareCommand.ts formatReport) and the comparison webview both render these, so
 * the terminal's table and the editor's cannot drift apart. A mode the worker could not run at all
 * says "failed" where the CLI (which stops instead) has no column. Imports nothing of Node.
 */

export interface CompareRow {
  label: string;
  /** A breakdown of the row above (exits by reason, the paging mode's counters). */
  sub: boolean;
  cells: string[];
}

const n = (v: number): string => Math.round(v).toLocaleString('en-US');

export function compareRows(r: CompareReportData): CompareRow[] {
  const rows: CompareRow[] = [];
  const row = (label: string, f: (m: CompareModeResult) => string, sub = false): void => {
    rows.push({ label, sub, cells: r.modes.map((m) => (m.failed && label !== 'exit code' ? '-' : f(m))) });
  };
  const first = r.modes[0];
  row('exit code', (m) => (m.exitCode === undefined ? '-' : String(m.exitCode)));
  rows.push({ label: 'output', sub: false, cells: r.modes.map((m) => (m.failed ? 'failed' : m === first ? 'reference' : r.sameOutput || m.output === first.output ? 'same' : 'DIFFERENT')) });
  row('guest instructions', (m) => n(m.guestInstructions));
  row('guest time (us)', (m) => (m.ticks / 10).toFixed(1));
  row('+ page walks (us)', (m) => ((m.ticks + m.walkTicks) / 10).toFixed(1), true);
  row('VMM host instructions', (m) => n(m.vmmInstructions));
  row('VM exits', (m) => n(m.totalExits));
  for (const reason of EXIT_REASONS) {
    if (r.modes.some((m) => m.exits[reason])) row(EXIT_REASON_LABELS[reason], (m) => n(m.exits[reason] ?? 0), true);
  }
  row('TLB misses (page walks)', (m) => n(m.tlbMisses));
  row('memory refs / walk', (m) => (m.tlbMisses ? (m.walkReferences / m.tlbMisses).toFixed(2) : '-'));
  const keys = [...new Set(r.modes.flatMap((m) => Object.keys(m.paging)))];
  for (const k of keys) row(k, (m) => (k in m.paging ? n(m.paging[k]) : '-'), true);
  row('MIPS (host)', (m) => (m.guestInstructions / Math.max(m.seconds, 1e-9) / 1e6).toFixed(1));
  return rows;
}

/** The lines the CLI prints under its table: each mode's problem, and a warning when the outputs differ. */
export function compareNotes(r: CompareReportData): string[] {
  const notes = r.modes.filter((m) => m.problem).map((m) => `${m.mode}: ${m.problem}`);
  if (!r.sameOutput) notes.push('the guest printed different things under different modes');
  return notes;
}
