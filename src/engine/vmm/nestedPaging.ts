import type { Hart } from '../cpu/hart';
import type { Bus } from '../machine/bus';
import type { CodeCache } from '../cpu/codeCache';
import { COST } from './costModel';
import { FRAME_VMM, HostFramePool } from './hostFrames';
import type { PagingMode } from './pagingMode';
import type { Vcpu } from './vcpu';
import type { Vm } from './vm';

/** G-stage leaf flags: V R W X U A D (G-stage leaves must have U; A/D preset so the walk never writes). */
const LEAF = 0xdf;
const POINTER = 0x01;

/**
 * Nested paging (the H extension's G stage, like EPT/NPT): the VMM keeps one Sv32x4 table per VM
 * (16 KiB root, 4 KiB second level) mapping guest-physical to host-physical pages, installs it
 * in hgatp with the VM's id as VMID, and the hart walks guest table and G-stage table in two
 * dimensions by itself. The guest's own page-table writes never exit.
 */
export class NestedPaging implements PagingMode {
  readonly kind = 'nested' as const;
  readonly hardwareAssisted = true;
  private readonly roots = new Map<number, number>();

  constructor(private readonly pool: HostFramePool, private readonly bus: Bus, private readonly code: CodeCache) {}

  attach(vm: Vm): void {
    const root = this.pool.allocateContiguous(FRAME_VMM, 4, 16384);
    if (root < 0) throw new RangeError(`${vm.name}: no host memory left for its G-stage table`);
    this.zero(root, 16384);
    this.roots.set(vm.id, root);
  }

  /** hgatp = MODE Sv32x4 | VMID | root PPN. */
  hgatp(vm: Vm): number {
    return (0x80000000 | ((vm.id & 0x7f) << 22) | (this.roots.get(vm.id)! / 4096)) | 0;
  }

  enter(vcpu: Vcpu, h: Hart): void { h.hgatp = this.hgatp(vcpu.vm); }

  mapped(vm: Vm, gpa: number): number {
    const hpa = vm.memory.hostAddress(gpa);
    if (hpa < 0) return 0;
    const root = this.roots.get(vm.id)!;
    const rootSlot = root + Math.floor(gpa / 0x400000) * 4;
    let cost = COST.gstageMap;
    let pte = this.bus.read(rootSlot, 4);
    if ((pte & 1) === 0) {
      const table = this.pool.allocate(FRAME_VMM);
      if (table < 0) throw new RangeError(`${vm.name}: no host memory left for G-stage tables`);
      this.zero(table, 4096);
      cost += COST.zeroPage;
      pte = ((table / 4096) << 10) | POINTER;
      this.store(rootSlot, pte);
    }
    const table = (pte >>> 10) * 4096;
    this.store(table + ((gpa >>> 12) & 0x3ff) * 4, (((hpa >>> 12) << 10) | LEAF) | 0);
    return cost;
  }

  hardwareTranslate(vm: Vm, gpa: number): number {
    const root = this.roots.get(vm.id);
    if (root === undefined) return -1;
    const top = this.bus.read(root + Math.floor(gpa / 0x400000) * 4, 4);
    if ((top & 1) === 0) return -1;
    const leaf = this.bus.read((top >>> 10) * 4096 + ((gpa >>> 12) & 0x3ff) * 4, 4);
    return (leaf & 1) === 0 ? -1 : (leaf >>> 10) * 4096 + (gpa % 4096);
  }

  describe(vm: Vm): { hgatp: number; root: number; tablePages: number } {
    const root = this.roots.get(vm.id)!;
    let tablePages = 4;
    for (let i = 0; i < 4096; i++) if (this.bus.read(root + i * 4, 4) & 1) tablePages++;
    return { hgatp: this.hgatp(vm) >>> 0, root, tablePages };
  }

  private store(hpa: number, value: number): void {
    this.bus.write(hpa, 4, value);
    if (this.code.hasCode[this.bus.ramOffset(hpa) >>> 12]) this.code.invalidate(hpa, 4);
  }

  private zero(hpa: number, size: number): void {
    const off = this.bus.ramOffset(hpa);
    for (let p = off; p < off + size; p += 4096) this.bus.noteWrite(p);
    this.bus.ram.fill(0, off, off + size);
  }
}
