import type { Vm } from '../engine/vmm';
import { PTE_V } from '../engine/mmu/sv32';
import { leafPermissions, pteFlags, Walk, walkSv32Words } from './sv32Walk';

/**
 * Translations of a deprivileged guest (shadow or paravirtual paging: no G stage) as the debugger
 * shows them. Its guest-virtual addresses mean what its own Sv32 table says (GVA -> GPA, the
 * table read from guest-physical memory), and guest-physical pages are host frames by the VM's
 * P2M (`GuestMemory`), as engine/vmm/guestPageWalk.ts walks them for the VMM; the hart itself
 * walks the VMM's shadow of that table (GVA -> HPA, one dimension). Side-effect free: guest
 * memory is read as it stands (unbacked RAM reads as zero), no A/D bit is set.
 */

const hex = (v: number, d = 8): string => '0x' + (v >>> 0).toString(16).padStart(d, '0');

/** The guest's own walk, each table page and the data through the P2M. */
export interface P2mWalk {
  /** The walk in guest-physical addresses. */
  guest: Walk;
  /** Host-physical address of each PTE read (in `guest.levels` order); -1 while its page is not backed. */
  pteHpa: number[];
  gpa?: number;
  hpa?: number;
  /** Why there is no host-physical address. */
  error?: string;
}

function guestWord(vm: Vm, gpa: number): number | undefined {
  const b = vm.memory.isRam(gpa) && gpa + 4 <= vm.memory.base + vm.memory.size ? vm.memory.read(gpa, 4) : undefined;
  return b ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 : undefined;
}

/** Guest-physical `gpa` of `vm` through its P2M: the host address, or why there is none. */
export function p2mTranslate(vm: Vm, gpa: number): { hpa?: number; error?: string } {
  if (!vm.memory.isRam(gpa)) {
    const dev = vm.deviceAt(gpa);
    return { error: dev ? `guest-physical ${hex(gpa)} is ${dev.name}, a device model the VMM emulates (no memory behind it)` : `guest-physical ${hex(gpa)} is neither RAM nor a device of ${vm.name}` };
  }
  const hpa = vm.memory.hostAddress(gpa);
  if (hpa < 0) return { error: `guest-physical ${hex(gpa)} is guest RAM the VMM has not backed yet (it backs a page on the guest's first access)` };
  return { hpa };
}

/** `gva` through the guest's table under `vsatp`, then its P2M. */
export function walkThroughP2m(vm: Vm, vsatp: number, gva: number): P2mWalk {
  const guest = walkSv32Words((gpa) => guestWord(vm, gpa), vsatp, gva);
  const pteHpa = guest.levels.map((l) => vm.memory.hostAddress(l.pteAddress));
  if (guest.pa === undefined) return { guest, pteHpa, error: `the guest's own table does not map ${hex(gva)}: ${guest.fault ?? 'no translation'}` };
  const t = p2mTranslate(vm, guest.pa);
  return { guest, pteHpa, gpa: guest.pa, hpa: t.hpa, error: t.error };
}

export interface ShadowView {
  /** The satp the hart walks (the shadow root), when one exists for the guest's satp and view. */
  satp: number | undefined;
  /** What the root shadows: `S view of guest satp 0x…`. */
  describes: string;
}

/**
 * `translate` for a deprivileged guest: the guest's walk through the P2M (what the VMM does in
 * software), the shadow walk the hart does (one dimension), and what nested paging would cost
 * for the same translation (the 2-D walk: every guest table read through the G stage, which the
 * VMM builds with 4 KiB leaves under a two-level Sv32x4 root).
 */
export function formatDeprivilegedWalk(vm: Vm, kind: 'shadow' | 'paravirt', vsatp: number, vsstatus: number, gva: number, shadow: ShadowView,
  readHost: (pa: number) => number | undefined): string {
  const lines: string[] = [];
  const sum = (vsstatus & (1 << 18)) !== 0, mxr = (vsstatus & (1 << 19)) !== 0;
  const w = walkThroughP2m(vm, vsatp, gva);
  lines.push(`GVA ${hex(gva)}  VPN[1]=0x${(gva >>> 22).toString(16)} VPN[0]=0x${((gva >>> 12) & 0x3ff).toString(16)} offset=0x${(gva & 0xfff).toString(16)}`);
  lines.push(`${kind} paging: the guest runs deprivileged (U-mode, V=0); no G stage, guest-physical pages are host frames by the VM's P2M`);
  lines.push('The guest\'s own walk (the VMM does it in software; each table read through the P2M):');
  if (w.guest.bare) lines.push(`  satp ${hex(vsatp)}: Bare (GVA = GPA)`);
  else lines.push(`  satp ${hex(vsatp)}: Sv32, ASID ${(vsatp >>> 22) & 0x1ff}, root table at GPA ${hex((vsatp & 0x3fffff) * 4096)}`);
  w.guest.levels.forEach((l, i) => {
    const where = `GPA ${hex(l.pteAddress)} (${w.pteHpa[i] < 0 ? 'not backed' : `HPA ${hex(w.pteHpa[i])}`})`;
    lines.push(`  ${String(i + 1).padStart(2)}. level ${l.level}  PTE at ${where} = ${pteText(l.pte, l.leaf, 'GPA')}`);
  });
  if (w.gpa !== undefined) {
    lines.push(`  GVA ${hex(gva)} -> GPA ${hex(w.gpa)}${w.guest.superpage ? ' (4 MiB superpage)' : ''} -> ${w.hpa !== undefined ? `HPA ${hex(w.hpa)} (P2M)` : w.error}`);
    if (w.guest.leaf !== undefined && !w.guest.bare) lines.push(`  guest leaf: ${leafPermissions(w.guest.leaf, sum, mxr)}`);
  } else {
    lines.push(`  the walk fails at step ${w.guest.levels.length}: ${w.guest.fault}: an access is a page fault the VMM delivers to the guest (a true fault)`);
  }
  lines.push(`The shadow walk (what the hart walks: ${shadow.describes}):`);
  let shadowRefs = 0;
  if (shadow.satp === undefined) {
    lines.push('  no shadow exists yet for this satp and view: the VMM makes one when the vCPU runs with it');
  } else {
    const s = walkSv32Words(readHost, shadow.satp, gva);
    lines.push(`  satp ${hex(shadow.satp)}: Sv32, ASID ${(shadow.satp >>> 22) & 0x1ff}, root table at HPA ${hex((shadow.satp & 0x3fffff) * 4096)}`);
    s.levels.forEach((l, i) => lines.push(`  ${String(i + 1).padStart(2)}. level ${l.level}  PTE at HPA ${hex(l.pteAddress)} = ${pteText(l.pte, l.leaf, 'HPA')}`));
    shadowRefs = s.levels.length;
    if (s.pa !== undefined) {
      const stale = w.hpa !== undefined && (s.pa & ~0xfff) !== (w.hpa & ~0xfff);
      lines.push(`  GVA ${hex(gva)} -> HPA ${hex(s.pa)}: ${shadowRefs} memory reference${shadowRefs === 1 ? '' : 's'}, one dimension${stale ? `; STALE: the guest's table now says HPA ${hex(w.hpa!)}` : ''}`);
      if (s.leaf !== undefined) lines.push(`  shadow leaf (the hart runs the guest in U-mode): ${leafPermissions(s.leaf, false, false)}`);
    } else {
      lines.push(`  no shadow entry (${s.fault}): ${w.gpa !== undefined && vm.memory.isRam(w.gpa)
        ? (kind === 'shadow' ? 'the next access is a hidden fault, and the VMM fills the entry' : 'an access exits to the VMM, which fills the entry')
        : w.gpa !== undefined ? 'the page is a device: every access exits to the VMM, which emulates it' : 'the guest\'s own table does not map it either'}`);
    }
  }
  if (w.gpa !== undefined) {
    const vs = w.guest.bare ? 0 : w.guest.levels.length, g = 2 * (vs + 1);
    lines.push(`Nested paging would walk this in two dimensions: ${vs + g} memory references (VS stage ${vs}, G stage ${g})${shadow.satp !== undefined && shadowRefs ? `; the shadow takes ${shadowRefs}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** `translate vm1 gpa A` for a deprivileged guest: the P2M, there is no G stage to walk. */
export function formatP2m(vm: Vm, gpa: number): string {
  const t = p2mTranslate(vm, gpa);
  return `GPA ${hex(gpa)}: ${t.hpa !== undefined ? `-> HPA ${hex(t.hpa)}` : t.error}\n` +
    `(${vm.name} runs deprivileged under ${vm.paging.kind} paging: no G stage; the VM's P2M maps each guest page to a host frame)\n`;
}

function pteText(pte: number | undefined, leaf: boolean, space: 'GPA' | 'HPA'): string {
  if (pte === undefined) return '????????  not memory';
  const what = leaf ? `leaf, PPN 0x${(pte >>> 10).toString(16)}` : (pte & PTE_V) ? `next table at ${space} ${hex((pte >>> 10) * 4096)}` : 'invalid';
  return `${hex(pte)}  ${pteFlags(pte)}  ${what}`;
}
