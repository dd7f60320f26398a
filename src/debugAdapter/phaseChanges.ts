import type { Hart } from '../engine/cpu/hart';
import type { Machine } from '../engine/machine/machine';
import type { ExitDetail, Vcpu } from '../engine/vmm';
import { PTE_V } from '../engine/mmu/sv32';
import { ParavirtPaging } from '../engine/vmm/paravirtPaging';
import type { ShadowPaging } from '../engine/vmm/shadowPaging';
import { walkThroughP2m } from './shadowWalk';
import { pteFlags } from './sv32Walk';
import { ABI_NAMES } from './registers';

/**
 * What one phase of a VM exit's handling changed: the state the debugger can show is read before
 * and after the phase (the hart's registers and the CSRs an exit touches, the vCPU's and VM's
 * bookkeeping, every device register of the VM) as a flat name -> value map, and the two maps are
 * compared. For a VM under shadow or paravirtual paging also its virtual privilege, the paging
 * mode's counters and every shadow leaf entry (`shadow ASID n GVA 0x…`), so a sync shows the
 * entries it dropped or rewrote. Guest memory is compared only at the words the caller names
 * (the guest PTE an exit writes or walks); a phase that writes other guest memory, like DBCN
 * read, says so in its text. No vscode, no DAP.
 */

export type StateValue = number | string | boolean | null;
export type FlatState = Map<string, StateValue>;

export interface Change { name: string; before: StateValue | undefined; after: StateValue | undefined }

/** CSRs the VMM's exit handling reads or writes, read as M-mode reads them. */
const EXIT_CSRS: readonly [string, number][] = [
  ['sepc', 0x141], ['scause', 0x142], ['stval', 0x143], ['sstatus', 0x100], ['satp', 0x180], ['hstatus', 0x600], ['htval', 0x643], ['htinst', 0x64a],
  ['hvip', 0x645], ['hgatp', 0x680], ['htimedelta', 0x605], ['vsstatus', 0x200], ['vstvec', 0x205], ['vsscratch', 0x240],
  ['vsepc', 0x241], ['vscause', 0x242], ['vstval', 0x243], ['vsatp', 0x280], ['vsie', 0x204], ['vsip', 0x244],
];

/** Plain data (a device snapshot) as `prefix.key` entries; arrays and typed arrays by index. */
export function flatten(prefix: string, value: unknown, out: FlatState = new Map(), depth = 0): FlatState {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    out.set(prefix, value ?? null);
  } else if (depth > 4) {
    out.set(prefix, JSON.stringify(value));
  } else if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const list = Array.from(value as ArrayLike<unknown>);
    if (list.length > 64) { out.set(`${prefix}.length`, list.length); out.set(`${prefix}.hash`, hashOf(list)); }
    else list.forEach((x, i) => flatten(`${prefix}[${i}]`, x, out, depth + 1));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, v, out, depth + 1);
  }
  return out;
}

function hashOf(list: unknown[]): string {
  let h = 0x811c9dc5;
  for (const x of list) { h ^= Number(x) | 0; h = Math.imul(h, 0x01000193); }
  return (h >>> 0).toString(16);
}

/** The entries that differ, in the order `after` (then `before`) lists them. */
export function diffStates(before: FlatState, after: FlatState): Change[] {
  const out: Change[] = [];
  for (const [name, a] of after) {
    const b = before.get(name);
    if (!before.has(name) || b !== a) out.push({ name, before: before.has(name) ? b : undefined, after: a });
  }
  for (const [name, b] of before) if (!after.has(name)) out.push({ name, before: b, after: undefined });
  return out;
}

/**
 * What the debugger compares around a phase of vCPU `v`'s exit on hart `h`; `guestWords`: the
 * guest-physical addresses of guest memory words to compare too (shown as `gpa:vm1:0x…`).
 */
export function captureExitState(machine: Machine, h: Hart, v: Vcpu, guestWords: readonly number[] = []): FlatState {
  const s: FlatState = new Map();
  s.set('pc', h.pc >>> 0);
  s.set('V', h.virt ? 1 : 0);
  s.set('priv', h.priv);
  for (let i = 1; i < 32; i++) s.set(`x${i} (${ABI_NAMES[i]})`, h.x[i] >>> 0);
  for (const [name, num] of EXIT_CSRS) {
    const value = machine.readCsr(h.id, num);
    if (value !== undefined) s.set(name, value >>> 0);
  }
  s.set(`${v.name}.state`, v.state);
  s.set(`${v.name}.hsm`, v.hsm);
  s.set(`${v.name}.timerDeadline`, v.timerDeadline === Infinity ? 'none' : v.timerDeadline);
  s.set(`${v.vm.name}.state`, v.vm.state);
  s.set(`${v.vm.name}.exitCode`, v.vm.exitCode);
  s.set(`${v.vm.name}.pagesBacked`, v.vm.memory.backedPages);
  for (const d of v.vm.devices) flatten(d.name.includes('.') ? d.name : `${v.vm.name}.${d.name}`, d.snapshot(), s);
  for (const gpa of guestWords) {
    const b = v.vm.memory.read(gpa, 4);
    s.set(`gpa:${v.vm.name}:0x${(gpa >>> 0).toString(16)}`, b ? wordText((b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0) : 'not RAM');
  }
  if (!v.vm.paging.hardwareAssisted) captureShadow(machine, v, s);
  return s;
}

/** A deprivileged VM's virtual privilege, its paging mode's counters and every shadow leaf. */
function captureShadow(machine: Machine, v: Vcpu, s: FlatState): void {
  const vm = v.vm, sp = vm.paging as ShadowPaging;
  s.set(`${v.name}.mode`, v.mode === 1 ? 'S' : 'U');
  const st = sp.stats(vm);
  for (const k of ['hiddenFaults', 'fills', 'trueFaults', 'ptWrites', 'syncs', 'rootSwitches', 'evictions', 'roots', 'shadowPages'] as const) s.set(`${vm.name}.shadow.${k}`, st[k]);
  if (sp instanceof ParavirtPaging) {
    const pv = sp.pvStats(vm);
    for (const k of ['pinned', 'updates', 'denied'] as const) s.set(`${vm.name}.pv.${k}`, pv[k]);
  }
  for (const r of sp.rootsOf(vm)) {
    for (const [vpn1, table] of [...r.tables].sort((a, b) => a[0] - b[0])) {
      const page = machine.readMemory(table, 4096);
      if (page.length < 4096) continue;
      const words = new DataView(page.buffer, page.byteOffset, 4096);
      for (let i = 0; i < 1024; i++) {
        const pte = words.getUint32(i * 4, true);
        if (pte & PTE_V) s.set(`shadow ASID ${r.asid} GVA 0x${(((vpn1 << 10) | i) * 4096).toString(16).padStart(8, '0')}`, `HPA 0x${((pte >>> 10) * 4096).toString(16)} ${pteFlags(pte)}`);
      }
    }
  }
}

/** A PTE-sized word with its flags, as the guest's page tables hold it. */
function wordText(w: number): string { return `0x${w.toString(16).padStart(8, '0')} (${pteFlags(w)})`; }

/** How a changed value shows: numbers in hex (with the decimal for small ones). */
export function formatStateValue(v: StateValue | undefined): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v < 10 ? String(v) : v < 0x10000 ? `0x${v.toString(16)} (${v})` : `0x${v.toString(16)}`;
  return String(v);
}

/** Most mmu_update requests whose PTEs the Changed scope follows. */
const MAX_WATCHED_REQUESTS = 32;

/**
 * The guest-physical words an exit's phases write or walk, for captureExitState: the PTE a
 * page-table write stores to, the guest leaf PTE a shadow fill sets A/D in, the PTEs of an
 * mmu_update hypercall. `vsatp`: the guest's satp now.
 */
export function exitGuestWords(v: Vcpu, vsatp: number, d: ExitDetail): number[] {
  const vm = v.vm;
  switch (d.reason) {
    case 'pt-write': return [(d.gpa & ~3) >>> 0];
    case 'hidden-fault': {
      const w = walkThroughP2m(vm, vsatp, d.gva).guest;
      const leaf = w.levels[w.levels.length - 1];
      return leaf?.leaf ? [leaf.pteAddress] : [];
    }
    case 'hypercall': {
      if (d.fid !== 1) return [];
      const n = Math.min(d.args[1] >>> 0, MAX_WATCHED_REQUESTS);
      const raw = n > 0 ? vm.memory.read(d.args[0] >>> 0, n * 8) : undefined;
      if (!raw) return [];
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      const out = new Set<number>();
      for (let i = 0; i < n; i++) { const at = view.getUint32(i * 8, true); if ((at & 3) === 0 && vm.memory.isRam(at)) out.add(at); }
      return [...out];
    }
    default: return [];
  }
}
