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

/** Which tables the hardware walks for a VM: nested (H extension), or a deprivileged guest's shadow / paravirtual tables. */
export type PagingName = 'nested' | 'shadow' | 'paravirt';
export type TableStage = 'VS' | 'G' | 'shadow';

export interface PageTablesArgs {
  vm?: string | number;
  /** Shadow and paravirtual VMs: which shadow root to show (a `ShadowRootInfo.key`); default the one vCPU 0 runs under. */
  shadowRoot?: string;
  /**
   * Fetch one table's entries: which stage, its address (VS: guest-physical, G and shadow:
   * host-physical), its level, and the first address it maps.
   */
  table?: { stage: TableStage; address: number; level: number; base: number };
  /** Walk this guest-virtual address as the hardware would (nested: under vCPU 0's vsatp; shadow: the chosen root). */
  translate?: number;
}

/** A guest page-table page the VMM write-protects: every page a shadow depends on, or a pinned page (paravirtual). */
export interface TableProtection {
  gpa: number;
  kind: 'shadow' | 'pinned';
  /** Pinned: the level it is pinned at (1 root, 0 leaf table). Shadow: the level the shadows read it at. */
  level: number;
  /** How many live shadow roots depend on it. */
  shadows: number;
}

export interface PteEntry {
  index: number;
  pte: number;
  /** DAGUXWRV, '-' for a clear bit. */
  flags: string;
  leaf: boolean;
  /** First address this entry maps (VS and shadow: guest-virtual, G: guest-physical) and how much. */
  from: number;
  size: number;
  /** Leaf: the page it maps (VS: guest-physical, G and shadow: host-physical). Pointer: the next table. */
  to: number;
  /** A VS leaf's host-physical page now (through the G stage, or the P2M for a deprivileged VM; null: not backed). */
  hpa?: number | null;
  /** A structural problem the hardware would fault on (reserved bits, misaligned superpage, ...). */
  problem?: string;
  /** A VS pointer: the table page it points to is write-protected by the VMM. */
  protectedTable?: TableProtection;
  /** A shadow leaf: the guest-physical page the guest's table maps its GVA to now (null: it maps none). */
  gpa?: number | null;
  /** A shadow leaf that does not match the composition of the guest's table and the P2M now: why. */
  stale?: string;
  /** A shadow leaf without W although the guest's leaf has it: the page is a page table, or the guest page is not dirty yet. */
  writeProtected?: 'page-table' | 'not-dirty';
}

export interface PageTable {
  stage: TableStage;
  level: number;
  /**
   * Where the table is: VS tables by guest-physical address (and where that is in the host), G
   * and shadow tables by host-physical address.
   */
  address: number;
  hostAddress: number | null;
  base: number;
  /** Present (V=1) entries only; `slots` is how many the table has. */
  entries: PteEntry[];
  slots: number;
  /** A VS table the VMM write-protects (shadow dependency or pinned). */
  protection?: TableProtection;
  /** The table could not be read (VS table not mapped in the G stage, not memory). */
  error?: string;
}

/** One shadow root: the shadow of one guest root, guest ASID and view, with its own real ASID. */
export interface ShadowRootInfo {
  key: string;
  /** The guest satp it shadows: its root (null: Bare) and the guest's ASID. */
  guestSatp: number;
  guestRoot: number | null;
  guestAsid: number;
  /** Whose accesses it serves: the guest kernel (S, with its SUM and MXR) or guest user code (U). */
  view: 'S' | 'U';
  sum: boolean;
  mxr: boolean;
  /** What the hart's real satp holds for it: the shadow root's host-physical address and the real ASID. */
  satp: number;
  root: number;
  asid: number;
  /** Level-0 shadow tables, valid leaves, and of those how many are stale or write-protected. */
  tables: number;
  leaves: number;
  stale: number;
  writeProtected: number;
  /** vCPUs that run under it now. */
  vcpus: string[];
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
  /**
   * The walk nested paging would do on the same tables, for a VM that runs deprivileged: its G
   * stage is the VM's P2M laid out as NestedPaging lays it out, not a table in memory (G-stage
   * addresses are positions in that model; no TLB holds any of it).
   */
  model?: boolean;
  fault?: { step: number; stage: 'VS' | 'G'; kind: string; message: string };
}

/** One reference of the hart's 1-D walk of a shadow table (real satp, host-physical). */
export interface ShadowWalkStep { n: number; level: number; hpa: number; pte: number | null; flags: string | null; leaf: boolean }

/** One step of the VMM's software walk on a hidden fault: a P2M lookup, a guest PTE read, or a write. */
export interface VmmWalkStep {
  n: number;
  kind: 'p2m' | 'read' | 'write';
  what: string;
  /** The guest-physical address involved and where it is in the host (null: not backed). */
  gpa: number | null;
  hpa: number | null;
  value: number | null;
}

/** What one kind of shadow synchronisation has cost this VM (the exits still in the VMM's log). */
export interface SyncCost { exits: number; hostInstructions: number }

/** For a deprivileged VM: the same guest-virtual address walked three ways. */
export interface WalkComparison {
  gva: number;
  /** The hardware's walk of the shadow table: all it ever does for a TLB miss. */
  shadow: {
    satp: number; steps: ShadowWalkStep[]; hpa: number | null;
    references: number;
    /** The hart's TLB holds the page under the shadow's ASID: no reference at all. */
    tlb: 'hit' | 'miss';
    /** No shadow entry (yet): the hart faults, and the VMM's walk below fills it (a hidden fault). */
    missing?: string;
  };
  /** The references nested paging's 2-D walk would make on the same tables (`PageTablesResponse.translate`). */
  nestedReferences: number;
  /** The VMM's software walk that fills the entry on a hidden fault. */
  vmm: {
    steps: VmmWalkStep[];
    references: number;
    /** The guest's own walk failed for a load: the guest would see this page fault (a true fault). */
    fault?: string;
    /** Modelled host instructions of one fill exit: trap, walk and compose, return (costModel.ts). */
    cost: number;
    /** The hidden-fault exit that filled this page, when the log still holds it. */
    filledBy?: { seq: number; cost: number; summary: string; time: number };
  };
  /** What keeping the shadows in step has cost this VM so far: fills, page-table writes, fences and root switches. */
  syncs: { fills: SyncCost; ptWrites: SyncCost; fences: SyncCost; rootSwitches: number; window: number; complete: boolean };
}

export interface PageTablesResponse {
  vm: string;
  paging: PagingName;
  /** vCPU 0's guest satp (its VS satp: the guest's own root) and the G-stage root pointer (0 without H). */
  vsatp: number;
  hgatp: number;
  /** The guest's table shown: vCPU 0's for nested paging, the chosen shadow root's guest root otherwise (null: Bare). */
  guestSatp: number;
  guest: PageTable | null;
  /** The G-stage root (nested paging only). */
  nested: PageTable | null;
  /** Deprivileged VMs: the shadow roots, the one shown, and its table (the hart's real satp, GVA -> HPA). */
  shadowRoots?: ShadowRootInfo[];
  shadowRoot?: string;
  shadow: PageTable | null;
  /** Deprivileged VMs: every guest page-table page the VMM write-protects now. */
  protectedTables?: TableProtection[];
  /** Present when `table` was asked for. */
  table?: PageTable;
  translate?: TranslateResult;
  /** Deprivileged VMs, with `translate`: the shadow, nested and VMM walks of the address side by side. */
  compare?: WalkComparison;
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
