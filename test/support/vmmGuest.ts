import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseElf, ElfImage } from '../../src/engine/loader/elf';
import { createVmmMachine, Vmm, VmSpec } from '../../src/engine/vmm';
import type { Machine, StopEvent } from '../../src/engine/machine/machine';
import { buildSbiElf } from './sbiProgram';

/** Builds an S-mode program with the SBI test library (GNU as/ld, linked at 0x80400000). */
export function guestImage(source: string): ElfImage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-guest-'));
  try {
    const elf = buildSbiElf(source, dir);
    return parseElf(new Uint8Array(fs.readFileSync(elf)), elf);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface VmmRun {
  machine: Machine;
  vmm: Vmm;
  stop: StopEvent;
  /** Console output by VM name (UART and SBI console, in order). */
  out: Record<string, string>;
}

/** Runs guests under the built-in VMM until they end (or `maxInsns`). */
export function runGuests(vms: (Partial<VmSpec> & { image: ElfImage })[], opts: { harts?: number; maxInsns?: number; setup?: (vmm: Vmm) => void } = {}): VmmRun {
  const specs: VmSpec[] = vms.map((v, i) => ({ name: v.name ?? `vm${i + 1}`, image: v.image, memory: v.memory ?? 16 << 20, vcpus: v.vcpus ?? 1, paging: v.paging ?? 'nested', mapping: v.mapping ?? 'lazy' }));
  const { machine, vmm } = createVmmMachine(specs, { harts: opts.harts });
  const out: Record<string, string> = {};
  for (const s of specs) out[s.name] = '';
  machine.on((e) => { if (e.kind === 'uart-tx') out[e.device.split('.')[0]] += String.fromCharCode(e.byte); });
  opts.setup?.(vmm);
  const stop = machine.run(opts.maxInsns ?? 5_000_000);
  return { machine, vmm, stop, out };
}
