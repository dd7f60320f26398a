/**
 * What "Hyperstep: Compare Virtualization Modes" passes around: the worker's messages to the
 * extension and the report the webview draws. The report is `hyperstep compare --json`'s shape
 * (src/cli/compareCommand.ts, over engine/vmm/modeComparison.ts; compareWorker.ts checks at
 * compile time that it still is). Types only, no imports, so the webview bundle shares them.
 */

export const COMPARE_MODE_NAMES = ['bare', 'nested', 'shadow', 'paravirt', 'previrt'] as const;
export type CompareModeName = typeof COMPARE_MODE_NAMES[number];

/** One mode's run (engine/vmm/modeComparison.ts ModeResult). */
export interface CompareModeResult {
  mode: CompareModeName;
  exitCode: number | undefined;
  /** Why the run did not end by itself, or the VM's failure message. */
  problem?: string;
  /** The mode could not run at all (the worker's addition: the CLI stops instead): why. */
  failed?: string;
  output: string;
  guestInstructions: number;
  /** mtime ticks (10 MHz). */
  ticks: number;
  vmmInstructions: number;
  exits: Record<string, number>;
  totalExits: number;
  tlbMisses: number;
  walkReferences: number;
  /** Modeled time of the walks' references, in mtime ticks (not in `ticks`). */
  walkTicks: number;
  paging: Record<string, number>;
  seconds: number;
}

export interface CompareReportData {
  guest: string;
  modes: CompareModeResult[];
  /** Every mode printed what the first printed. */
  sameOutput: boolean;
}

/** An assembler diagnostic, as the worker reports a guest that does not assemble. */
export interface CompareDiagnostic { file: string; line: number; column: number; endLine: number; endColumn: number; severity: 'error' | 'warning'; message: string }

/** The extension's request to the worker. */
export interface CompareRequest {
  files: string[];
  /** Texts of files open in the editor (unsaved edits included); the others are read from disk. */
  texts?: Record<string, string>;
  modes: CompareModeName[];
  memory?: number;
  vcpus?: number;
  maxInstructions?: number;
}

/** The worker's messages, in order: progress while it runs, then one of the last three. */
export type CompareWorkerMessage =
  | { type: 'progress'; mode: CompareModeName; index: number; of: number; instructions: number; done: boolean }
  | { type: 'assembly-error'; diagnostics: CompareDiagnostic[] }
  | { type: 'error'; message: string }
  | { type: 'report'; report: CompareReportData };

/** The extension's messages to the comparison webview. */
export type CompareViewMessage =
  | { type: 'report'; report: CompareReportData; file: string }
  | { type: 'running'; file: string };
