/**
 * The custom DAP requests behind the Hyperstep panes (`hyperstep/vcpus`, `hyperstep/pageTables`,
 * `hyperstep/devices`, `hyperstep/exits`, `hyperstep/locate`): argument and response shapes.
 * Types only, with no imports, so the webview bundle (src/webview) shares them without pulling
 * in the engine. Addresses and register values are unsigned numbers (a 34-bit guest-physical
 * address fits a double exactly); `null` stands for "none" (JSON has no Infinity).
 */

export const PANE_COMMANDS = ['hyperstep/vcpus', 'hyperstep/pageTables', 'hyperstep/devices', 'hyperstep/exits', 'hyperstep/locate'] as const;
export type PaneCommand = typeof PANE_COMMANDS[number];

/** The VMM's exit reasons, in the engine's order (src/engine/vmm/exits.ts). */
export type ExitReasonName = 'sbi' | 'guest-page-fault' | 'mmio' | 'virtual-instruction' | 'wfi' | 'host-interrupt' | 'exception' | 'interrupt-injection'
  | 'privileged-instruction' | 'hidden-fault' | 'pt-write' | 'hypercall';
export type ReasonCounts = Record<ExitReasonName, number>;

export interface SourceLocation { file: string; line: number }

// ---- hyperstep/vcpus ----

export interface VcpuInfo {
  index: number;
  /** `vm1/vcpu0`: the debugger thread's name. */
  name: string;
  state: 'running' | 'runnable' | 'halted' | 'stopped';
  /** SBI HSM state as the guest sees it (STARTED, STOPPED, SUSPENDED, ...). */
  hsm: string;
  /** The hart it is loaded on, or null. */
  hart: number | null;
  /** The guest privilege it runs (or was running) at. */
  mode: 'VS' | 'VU';
  pc: number;
  location?: SourceLocation;
  csrs: { vsstatus: number; vsatp: number; vstvec: number; vsepc: number; vscause: number; hvip: number; hie: number };
  /** SBI timer deadline in guest time (its `time` CSR), or null when none is set. */
  timerDeadline: number | null;
  exits: number;
  exitsByReason: ReasonCounts;
  /** Modeled host instructions the VMM spent on this vCPU's exits. */
  hostInstructions: number;
  /** The exit being handled for it right now (the hart is in the VMM), if any. */
  inExit?: { seq: number; reason: ExitReasonName; handler: string; phase: string };
}

export interface VmInfo {
  id: number;
  name: string;
  state: 'running' | 'shutdown' | 'failed';
  exitCode: number;
  message: string;
  paging: string;
  memory: { base: number; size: number; backedPages: number };
  guestTime: number;
  exitsByReason: ReasonCounts;
  vcpus: VcpuInfo[];
}

export interface VcpusResponse {
  /** Host mtime (10 MHz) and instructions executed by the machine. */
  time: number;
  executed: number;
  harts: number;
  vms: VmInfo[];
}

// ---- hyperstep/pageTables ----

export interface PageTablesArgs {
  vm?: string | number;
  /** Fetch one table's entries: which stage, its address (VS: guest-physical, G: host-physical), its level, and the first address it maps. */
  table?: { stage: 'VS' | 'G'; address: number; level: number; base: number };
  /** Walk this guest-virtual address (under vCPU 0's vsatp) as the hardware would. */
  translate?: number;
}

export interface PteEntry {
  index: number;
  pte: number;
  /** DAGUXWRV, '-' for a clear bit. */
  flags: string;
  leaf: boolean;
  /** First address this entry maps (VS: guest-virtual, G: guest-physical) and how much. */
  from: number;
  size: number;
  /** Leaf: the page it maps (VS: guest-physical, G: host-physical). Pointer: the next table. */
  to: number;
  /** A VS leaf's host-physical page through the G stage now (null: not mapped there). */
  hpa?: number | null;
  /** A structural problem the hardware would fault on (reserved bits, misaligned superpage, ...). */
  problem?: string;
}

export interface PageTable {
  stage: 'VS' | 'G';
  level: number;
  /** Where the table is: VS tables by guest-physical address (and where that is in the host), G tables by host-physical address. */
  address: number;
  hostAddress: number | null;
  base: number;
  /** Present (V=1) entries only; `slots` is how many the table has. */
  entries: PteEntry[];
  slots: number;
  /** The table could not be read (VS table not mapped in the G stage, not memory). */
  error?: string;
}

export interface WalkCell {
  n: number;
  /** Row: index into `rows`; column: 'G1' | 'G0' (G-stage levels) or 'VS' (the VS PTE itself). */
  row: number;
  col: 'G1' | 'G0' | 'VS';
  stage: 'VS' | 'G';
  level: number;
  /** The PTE's address in its stage's space (VS: guest-physical, G: host-physical) and in the host. */
  pteAddress: number;
  hpa: number;
  pte: number | null;
  flags: string | null;
  leaf: boolean;
  /** Whether the hart's TLB would supply this reference ('hit': the hardware skips it). */
  tlb: 'hit' | 'miss';
}

export interface WalkRow {
  /** 'VS L1', 'VS L0' or 'data'. */
  label: string;
  /** The guest-physical address the row's G-stage walk translates, and its result. */
  gpa: number | null;
  hpa: number | null;
  /** The G-stage TLB holds this page (its G-stage references are skipped). */
  gTlb: 'hit' | 'miss';
}

export interface TranslateResult {
  gva: number;
  vsatp: number;
  hgatp: number;
  gpa: number | null;
  hpa: number | null;
  rows: WalkRow[];
  cells: WalkCell[];
  /** Memory references a walk with empty TLBs makes, and the ones the TLB leaves to do now. */
  references: number;
  referencesWithTlb: number;
  /** The combined GVA -> HPA TLB holds the page: no reference at all. */
  combinedTlb: 'hit' | 'miss';
  /** Which hart's TLB was consulted. */
  hart: number;
  fault?: { step: number; stage: 'VS' | 'G'; kind: string; message: string };
}

export interface PageTablesResponse {
  vm: string;
  vsatp: number;
  hgatp: number;
  /** The VS root (vsatp Sv32) or null when vsatp is Bare. */
  guest: PageTable | null;
  nested: PageTable | null;
  /** Present when `table` was asked for. */
  table?: PageTable;
  translate?: TranslateResult;
}

// ---- hyperstep/devices ----

export interface ExitSummary {
  seq: number;
  vm: string;
  vcpu: number;
  reason: ExitReasonName;
  pc: number;
  handler: string;
  summary: string;
  cost: number;
  time: number;
  executed: number;
  gpa?: number;
}

export interface UartInfo {
  name: string;
  base: number;
  registers: { rbr: number; ier: number; iir: number; lcr: number; mcr: number; lsr: number; msr: number; scr: number; fcr: number; divider: number };
  rxFifo: number[];
  /** Bytes typed that wait for room in the FIFO. */
  rxWaiting: number;
  irqLevel: boolean;
}

export interface PlicSource { source: number; priority: number; pending: boolean; claimed: boolean; level: boolean; device?: string }

export interface PlicContext {
  index: number;
  vcpu: number;
  /** M contexts lead nowhere inside a VM; S contexts drive the vCPU's VS external interrupt. */
  mode: 'M' | 'S';
  threshold: number;
  enabled: number[];
  /** The source a claim would return now (0: none), and whether the context's line is raised. */
  claimable: number;
  line: boolean;
}

export interface TimerInfo { vcpu: number; deadline: number | null; vstipPending: boolean; vstieEnabled: boolean }

export interface DevicesResponse {
  vm: string;
  guestTime: number;
  uart: UartInfo;
  plic: { base: number; sources: PlicSource[]; contexts: PlicContext[] };
  timers: TimerInfo[];
  /** Recent exits that touched each device (newest last). */
  recent: { uart: ExitSummary[]; plic: ExitSummary[]; timer: ExitSummary[] };
}

// ---- hyperstep/exits ----

export interface ExitsArgs { since?: number; limit?: number; vm?: string | number }

export interface ExitsResponse {
  lastSeq: number;
  time: number;
  reasons: { name: ExitReasonName; label: string }[];
  records: ExitSummary[];
  counts: { vm: string; byReason: ReasonCounts; hostInstructions: number }[];
}

// ---- hyperstep/locate ----

export interface LocateArgs { vm: string | number; pc: number }
export interface LocateResponse { vm: string; pc: number; location?: SourceLocation }
