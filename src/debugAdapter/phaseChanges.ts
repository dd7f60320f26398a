import type { Hart } from '../engine/cpu/hart';
import type { Machine } from '../engine/machine/machine';
import type { Vcpu } from '../engine/vmm';
import { ABI_NAMES } from './registers';

/**
 * What one phase of a VM exit's handling changed: the state the debugger can show is read before
 * and after the phase (the hart's registers and the CSRs an exit touches, the vCPU's and VM's
 * bookkeeping, every device register of the VM) as a flat name -> value map, and the two maps are
 * compared. Guest memory is not compared (a phase that writes it, like DBCN read, says so in its
 * text). No vscode, no DAP.
 */

export type StateValue = number | string | boolean | null;
export type FlatState = Map<string, StateValue>;

export interface Change { name: string; before: StateValue | undefined; after: StateValue | undefined }

/** CSRs the VMM's exit handling reads or writes, read as M-mode reads them. */
const EXIT_CSRS: readonly [string, number][] = [
  ['sepc', 0x141], ['scause', 0x142], ['stval', 0x143], ['sstatus', 0x100], ['hstatus', 0x600], ['htval', 0x643], ['htinst', 0x64a],
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

/** What the debugger compares around a phase of vCPU `v`'s exit on hart `h`. */
export function captureExitState(machine: Machine, h: Hart, v: Vcpu): FlatState {
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
  return s;
}

/** How a changed value shows: numbers in hex (with the decimal for small ones). */
export function formatStateValue(v: StateValue | undefined): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v < 10 ? String(v) : v < 0x10000 ? `0x${v.toString(16)} (${v})` : `0x${v.toString(16)}`;
  return String(v);
}
