import type { ElfImage } from '../engine/loader/elf';
import type { Machine } from '../engine/machine/machine';
import { createVmmMachine, EXIT_REASONS, EXIT_REASON_LABELS, PAGING_KINDS, Vmm, VmSpec } from '../engine/vmm';

/**
 * `hyperstep run --vmm nested`: the files are a guest kernel that the built-in VMM boots in a VM
 * (VS-mode, a0 = hart id, a1 = device tree), not a bare-metal program. More VMs come from `--vm`.
 */

export interface VmmRunOptions {
  mode: string;
  vcpus: number;
  guestMemory: number;
  mapping: string;
  harts: number;
  compat: 'spec' | 'qemu-7.2';
  /** Further VMs: `FILE[,name=N][,vcpus=N][,mem=SIZE][,paging=P]`, already loaded by the caller. */
  extra: { image: ElfImage; name?: string; vcpus?: number; memory?: number; paging?: string }[];
  /** The images are previrtualized: every VM must run under paravirtual paging. */
  previrtualized?: boolean;
}

type Paging = VmSpec['paging'];
const PAGINGS: readonly string[] = PAGING_KINDS;

export class VmmUsageError extends Error {}

export function createVmmRun(image: ElfImage, o: VmmRunOptions): { machine: Machine; vmm: Vmm } {
  if (!PAGINGS.includes(o.mode)) throw new VmmUsageError(`--vmm must be nested, shadow or paravirt (got '${o.mode}')`);
  const paging = o.mode as Paging;
  if (o.mapping !== 'lazy' && o.mapping !== 'eager') throw new VmmUsageError(`--mapping must be lazy or eager (got '${o.mapping}')`);
  const mapping: 'lazy' | 'eager' = o.mapping;
  const check = (vcpus: number, mem: number, what: string): void => {
    if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > 4) throw new VmmUsageError(`${what}: vcpus must be 1..4 (got ${vcpus})`);
    if (mem < 1 << 20 || mem % 4096 !== 0 || mem > 1 << 30) throw new VmmUsageError(`${what}: guest memory must be a multiple of 4 KiB from 1M to 1G`);
  };
  const specs: VmSpec[] = [{ name: 'vm1', image, memory: o.guestMemory, vcpus: o.vcpus, paging, mapping }];
  check(o.vcpus, o.guestMemory, 'vm1');
  o.extra.forEach((e, i) => {
    const name = e.name ?? `vm${i + 2}`;
    if (e.paging !== undefined && !PAGINGS.includes(e.paging)) throw new VmmUsageError(`--vm ${name}: paging must be nested, shadow or paravirt (got '${e.paging}')`);
    const spec: VmSpec = { name, image: e.image, memory: e.memory ?? o.guestMemory, vcpus: e.vcpus ?? 1, paging: (e.paging as Paging | undefined) ?? paging, mapping };
    check(spec.vcpus, spec.memory, spec.name);
    specs.push(spec);
  });
  // A previrtualized image makes PV hypercalls, which only the paravirtual mode answers.
  const notPv = o.previrtualized ? specs.find((s) => s.paging !== 'paravirt') : undefined;
  if (notPv) throw new VmmUsageError(`--previrtualize needs paravirt paging, but ${notPv.name} runs under ${notPv.paging}`);
  try {
    return createVmmMachine(specs, { harts: o.harts, compat: o.compat });
  } catch (e) {
    throw new VmmUsageError((e as Error).message);
  }
}

/** Parses `FILE[,name=N][,vcpus=N][,mem=SIZE][,paging=P]`. */
export function parseVmOption(spec: string, parseSize: (s: string) => number): { file: string; name?: string; vcpus?: number; memory?: number; paging?: string } {
  const [file, ...kv] = spec.split(',');
  const out: { file: string; name?: string; vcpus?: number; memory?: number; paging?: string } = { file };
  for (const item of kv) {
    const [k, v] = item.split('=');
    if (k === 'name' && v) out.name = v;
    else if (k === 'vcpus' && v) out.vcpus = Number(v);
    else if (k === 'mem' && v) out.memory = parseSize(v);
    else if (k === 'paging' && v) out.paging = v;
    else throw new VmmUsageError(`--vm ${spec}: unknown setting '${item}' (use name=, vcpus=, mem=, paging=)`);
  }
  return out;
}

/**
 * Console bytes of every VM. With one VM they pass through as they come (interactive programs
 * need that); with several, each VM's output is cut into whole lines prefixed with its name, so
 * VMs that print at once stay readable.
 */
export class VmConsoles {
  private readonly partial = new Map<string, number[]>();
  constructor(private readonly several: boolean) {}

  push(device: string, byte: number, out: number[]): void {
    if (!this.several) { out.push(byte); return; }
    const vm = device.split('.')[0];
    let line = this.partial.get(vm);
    if (!line) { line = []; this.partial.set(vm, line); }
    line.push(byte);
    if (byte === 10) { this.emit(vm, line, out); this.partial.set(vm, []); }
  }

  /** Lines not ended yet (at the end of the run). */
  flush(out: number[]): void {
    for (const [vm, line] of this.partial) if (line.length) { line.push(10); this.emit(vm, line, out); }
    this.partial.clear();
  }

  private emit(vm: string, line: number[], out: number[]): void {
    for (const c of Buffer.from(`[${vm}] `)) out.push(c);
    for (const c of line) out.push(c);
  }
}

/** The exit table of `--stats`: exits by reason per VM, with the VMM's host instructions. */
export function vmmStats(vmm: Vmm): { vms: Record<string, { exits: Record<string, number>; hostInstructions: number; guestState: string; exitCode: number; message?: string }> } {
  const vms: Record<string, { exits: Record<string, number>; hostInstructions: number; guestState: string; exitCode: number; message?: string }> = {};
  for (const vm of vmm.vms) {
    const counts = vmm.log.countsFor(vm.name);
    const exits: Record<string, number> = {};
    for (const r of EXIT_REASONS) if (counts[r]) exits[r] = counts[r];
    vms[vm.name] = { exits, hostInstructions: vmm.log.hostInstructions(vm.name), guestState: vm.state, exitCode: vm.exitCode, ...(vm.message ? { message: vm.message } : {}) };
  }
  return { vms };
}

export function formatVmmStats(vmm: Vmm): string {
  const lines: string[] = [];
  for (const vm of vmm.vms) {
    const counts = vmm.log.countsFor(vm.name);
    lines.push(`${vm.name}: ${vm.state}${vm.state !== 'running' ? ` (exit code ${vm.exitCode})` : ''}, ${vm.vcpus.length} vCPU, ` +
      `${vm.memory.backedPages * 4} KiB of ${vm.memory.size >>> 10} KiB backed, VMM ${vmm.log.hostInstructions(vm.name)} host instructions`);
    if (vm.message) lines.push(`  ${vm.message}`);
    const total = EXIT_REASONS.filter((r) => r !== 'interrupt-injection').reduce((s, r) => s + counts[r], 0);
    lines.push(`  ${String(total).padStart(10)}  VM exits`);
    for (const r of EXIT_REASONS) if (counts[r]) lines.push(`  ${String(counts[r]).padStart(10)}  ${EXIT_REASON_LABELS[r]} (${r})`);
  }
  return lines.join('\n') + '\n';
}
