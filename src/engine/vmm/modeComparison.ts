import type { ElfImage } from '../loader/elf';
import { Machine } from '../machine/machine';
import { EXIT_REASONS, ExitReason } from './exits';
import { WALK_REFERENCE_COST } from './costModel';
import type { Vmm } from './vmm';
import { createVmmMachine } from './vmmMachine';

/**
 * One guest run under each way of virtualizing it, with what each way cost: the figures of
 * `hyperstep compare` and of the extension's comparison chart.
 *   bare      the image on the board with the built-in SBI (no VMM: the native baseline)
 *   nested    the H extension: two-stage translation, the guest in VS-mode
 *   shadow    trap-and-emulate without H: shadow page tables
 *   paravirt  trap-and-emulate with validated direct paging and the PV extension
 *   previrt   paravirt running the previrtualized build of the same source
 */
export const COMPARE_MODES = ['bare', 'nested', 'shadow', 'paravirt', 'previrt'] as const;
export type CompareMode = typeof COMPARE_MODES[number];

export interface ModeResult {
  mode: CompareMode;
  exitCode: number | undefined;
  /** Why the run did not end by itself (instruction limit), or the VM's failure message. */
  problem?: string;
  /** The guest's console output (the comparison checks every mode printed the same). */
  output: string;
  /** Instructions the guest executed, and machine time (mtime ticks) it took, VMM work included. */
  guestInstructions: number;
  ticks: number;
  /** Modeled host instructions the VMM spent on exits. */
  vmmInstructions: number;
  exits: Record<ExitReason, number>;
  totalExits: number;
  /** Hardware page walks (TLB misses) and the memory references they made. */
  tlbMisses: number;
  walkReferences: number;
  /**
   * Modeled time of those references (walkReferences x WALK_REFERENCE_COST instruction times,
   * in mtime ticks): not in `ticks`, since the MMU charges the clock nothing for walks.
   */
  walkTicks: number;
  /** The paging mode's own counters (shadow fills, page-table writes, pins, ...). */
  paging: Record<string, number>;
  seconds: number;
}

export interface CompareOptions {
  vcpus?: number;
  memory?: number;
  maxInstructions?: number;
  /** Called between chunks with instructions executed so far. */
  progress?: (mode: CompareMode, instructions: number) => void;
}

const CHUNK = 2_000_000;

/** Runs `image` (and `previrtualized` for the previrt mode) under `mode`. */
export function runMode(mode: CompareMode, image: ElfImage, previrtualized: ElfImage | undefined, opts: CompareOptions = {}): ModeResult {
  const memory = opts.memory ?? 64 << 20, vcpus = opts.vcpus ?? 1, limit = opts.maxInstructions ?? 2e9;
  let machine: Machine, vmm: Vmm | undefined;
  if (mode === 'bare') {
    machine = new Machine({ memory: Math.max(memory, 16 << 20), harts: vcpus, sbi: 'builtin' });
    machine.load(image);
  } else {
    const paging = mode === 'previrt' ? 'paravirt' : mode;
    const img = mode === 'previrt' ? previrtualized : image;
    if (!img) throw new Error('previrt needs the previrtualized build of the guest');
    ({ machine, vmm } = createVmmMachine([{ name: 'vm1', image: img, memory, vcpus, paging, mapping: 'lazy' }]));
  }
  let output = '';
  machine.on((e) => { if (e.kind === 'uart-tx') output += String.fromCharCode(e.byte); });
  const t0 = process.hrtime.bigint();
  let stop = machine.run(0), problem: string | undefined;
  for (;;) {
    const left = limit - machine.instructions;
    if (left <= 0) { problem = `stopped after ${limit} instructions`; break; }
    stop = machine.run(Math.min(CHUNK, left));
    opts.progress?.(mode, machine.instructions);
    if (stop.kind === 'exit') break;
    if (stop.kind === 'idle') { problem = 'every vCPU waits and no timer is armed'; break; }
    if (stop.kind !== 'budget') { problem = `stopped: ${stop.kind}`; break; }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const exits = emptyCounts();
  let tlbMisses = 0, walkReferences = 0;
  for (const h of machine.harts) {
    tlbMisses += h.mmu.walks + (h.gmmu?.walks ?? 0);
    walkReferences += h.mmu.walkRefs + (h.gmmu?.walkRefs ?? 0);
  }
  let paging: Record<string, number> = {};
  if (vmm) {
    const vm = vmm.vms[0];
    Object.assign(exits, vmm.log.countsFor(vm.name));
    if (vm.message) problem = vm.message;
    if (vm.paging.kind === 'shadow') paging = { ...vmm.shadow.stats(vm) };
    else if (vm.paging.kind === 'paravirt') paging = { ...vmm.paravirt.stats(vm), ...vmm.paravirt.pvStats(vm) };
    else paging = { tablePages: vmm.nested.describe(vm).tablePages, backedPages: vm.memory.backedPages };
  }
  const totalExits = EXIT_REASONS.filter((r) => r !== 'interrupt-injection').reduce((s, r) => s + exits[r], 0);
  return {
    mode, exitCode: stop.kind === 'exit' ? stop.code : undefined, problem, output, guestInstructions: machine.instructions,
    ticks: machine.mtime(), vmmInstructions: vmm ? vmm.log.hostInstructions() : 0, exits, totalExits, tlbMisses, walkReferences,
    walkTicks: walkReferences * WALK_REFERENCE_COST / machine.insnsPerTick, paging, seconds,
  };
}

function emptyCounts(): Record<ExitReason, number> {
  const c = {} as Record<ExitReason, number>;
  for (const r of EXIT_REASONS) c[r] = 0;
  return c;
}
