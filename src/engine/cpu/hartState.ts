import { Hart } from './hart';

/** Every architectural and bookkeeping field of a hart, as plain data (for snapshot/restore). */
export interface HartState {
  x: number[]; pc: number; priv: number;
  csr: Record<string, number>;
  mhpmevent: number[]; mhpmcounter: number[];
  retired: number; instretOffset: number; cycleOffset: number;
  reservedAddr: number; reservedValue: number; waiting: boolean;
  pmp: { cfg: number[]; addr: number[] };
  trapCounts: number[];
  inhibitedAt: number[];
  calls: ReturnType<Hart['calls']['save']>;
  /** Hypervisor-extension state (only on a hart with H): V and the H/VS CSRs. */
  hyp?: { virt: boolean; csr: Record<string, number> };
}

/** CSR-backed fields copied verbatim. */
const CSR_FIELDS = ['mstatus', 'mstatush', 'medeleg', 'mideleg', 'mie', 'mtvec', 'mcounteren', 'mscratch', 'mepc', 'mcause', 'mtval',
  'menvcfg', 'menvcfgh', 'mcountinhibit', 'mip', 'stvec', 'scounteren', 'sscratch', 'sepc', 'scause', 'stval', 'satp', 'senvcfg'] as const;

/** H/VS CSR fields, saved only for a hart with H. */
const H_FIELDS = ['hstatus', 'hedeleg', 'hideleg', 'hvip', 'hcounteren', 'htimedelta', 'htimedeltah', 'htval', 'htinst', 'hgatp',
  'henvcfg', 'henvcfgh', 'mtval2', 'mtinst', 'vsstatus', 'vstvec', 'vsscratch', 'vsepc', 'vscause', 'vstval', 'vsatp'] as const;

export function saveHart(h: Hart): HartState {
  const csr: Record<string, number> = {};
  for (const f of CSR_FIELDS) csr[f] = h[f];
  const hyp = h.hasH ? { virt: h.virt, csr: Object.fromEntries(H_FIELDS.map((f) => [f, h[f]])) } : undefined;
  return {
    ...(hyp ? { hyp } : {}),
    x: Array.from(h.x.subarray(0, 32)), pc: h.pc, priv: h.priv, csr,
    mhpmevent: Array.from(h.mhpmevent), mhpmcounter: Array.from(h.mhpmcounter),
    retired: h.retired, instretOffset: h.instretOffset, cycleOffset: h.cycleOffset,
    reservedAddr: h.reservedAddr, reservedValue: h.reservedValue, waiting: h.waiting,
    pmp: h.pmp.snapshot(), trapCounts: Array.from(h.trapCounts), inhibitedAt: Array.from(h.inhibitedAt), calls: h.calls.save(),
  };
}

export function restoreHart(h: Hart, s: HartState): void {
  h.x.set(s.x); h.x[32] = 0;
  h.pc = s.pc; h.priv = s.priv;
  for (const f of CSR_FIELDS) h[f] = s.csr[f] | 0;
  h.mhpmevent.set(s.mhpmevent); h.mhpmcounter.set(s.mhpmcounter);
  h.retired = s.retired; h.instretOffset = s.instretOffset; h.cycleOffset = s.cycleOffset;
  h.reservedAddr = s.reservedAddr; h.reservedValue = s.reservedValue; h.waiting = s.waiting;
  h.pmp.restore(s.pmp);
  h.trapCounts.set(s.trapCounts);
  h.inhibitedAt.set(s.inhibitedAt);
  h.calls.restore(s.calls);
  if (h.hasH) {
    h.virt = s.hyp?.virt ?? false;
    for (const f of H_FIELDS) h[f] = (s.hyp?.csr[f] ?? 0) | 0;
    h.trapTval2 = 0; h.trapTinst = 0; h.trapGva = false;
    h.gmmu!.flushGvma(undefined, undefined);
  }
  h.trapped = false; h.stopRequested = false;
  h.mmu.flush(undefined, undefined);
  h.contextChanged(); // after V is restored: selects that mode's fast TLB and breakpoints
}
