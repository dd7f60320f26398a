import type { Hart } from '../cpu/hart';
import { specByName } from '../isa/instructions';
import { Access } from '../mmu/pmp';
import { SBI_ERR } from '../sbi/abi';
import { COST } from './costModel';
import type { ExitDetail } from './exits';
import type { ExitOps, ExitPlan } from './exitHandlers';
import { walkGuest } from './guestPageWalk';
import { MMU_UPDATE_MAX, ParavirtPaging } from './paravirtPaging';
import { emulatePrivileged, Emulated } from './trapAndEmulate';
import { noteVirtualReturn } from './guestEntry';
import type { Vcpu } from './vcpu';
import { PV_EID, PV_FUNCTIONS, PV_SHARED } from '../sbi/pvAbi';

const PRIV_OPS: Record<number, string> = { 1: 'csrrw', 2: 'csrrs', 3: 'csrrc', 5: 'csrrwi', 6: 'csrrsi', 7: 'csrrci', 8: 'sret', 9: 'sfence.vma', 10: 'wfi' };
/** The saved-register slots of a previrtualized sequence, at the guest's sp: a0, a6, a7. */
const SLOT_REGS = [10, 16, 17];

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

/** The instruction bits a `priv` request stands for (from the ISA table's encodings). */
export function privInstruction(encoded: number): number | undefined {
  const op = encoded & 0xff, csr = (encoded >>> 8) & 0xfff, rd = (encoded >>> 20) & 31, rs = (encoded >>> 25) & 31;
  const name = PRIV_OPS[op];
  const spec = name ? specByName(name) : undefined;
  if (!spec) return undefined;
  if (op <= 7) return (spec.match | (rd << 7) | (rs << 15) | (csr << 20)) >>> 0;
  if (op === 9) return (spec.match | (rd << 15) | (rs << 20)) >>> 0;
  return spec.match >>> 0;
}

/** One hypercall of a paravirtual guest: a handler per function, with the exit's phases. */
export function hypercall(ops: ExitOps, d: Extract<ExitDetail, { reason: 'hypercall' }>): ExitPlan {
  const h = ops.hart!, vcpu = ops.vcpu, vm = ops.vm, pv = vm.paging as ParavirtPaging;
  let error = 0, value = 0, resumeAt = ops.exit.pc + 4, note = '';
  let em: Emulated | undefined;
  const name = PV_FUNCTIONS[d.fid] ?? 'unknown';
  const [a0, a1] = d.args;
  ops.spend(COST.hypercall);
  const emulate = (): void => {
    switch (d.fid) {
      case 0: value = 1; break;
      case 1: {
        if (a1 > MMU_UPDATE_MAX || !vm.memory.isRam(a0) || !vm.memory.isRam(a0 + a1 * 8 - 1)) { error = SBI_ERR.INVALID_PARAM; note = 'bad request array'; break; }
        const raw = vm.memory.read(a0, a1 * 8)!;
        const words = new DataView(raw.buffer, raw.byteOffset, raw.length);
        const requests: [number, number][] = [];
        for (let i = 0; i < a1; i++) requests.push([words.getUint32(i * 8, true), words.getUint32(i * 8 + 4, true)]);
        const r = pv.update(vm, requests);
        ops.spend(r.cost);
        error = r.error === 'denied' ? SBI_ERR.DENIED : r.error === 'invalid' ? SBI_ERR.INVALID_PARAM : 0;
        value = r.error ? 0 : a1;
        note = r.why;
        break;
      }
      case 2: {
        const why = pv.validateRoot(vm, a0);
        if (why) { error = SBI_ERR.DENIED; note = why; break; }
        h.vsatp = a0 | 0;
        ops.tae!.sync();
        break;
      }
      case 3: { const why = pv.pin(vm, a0, a1); if (why) { error = SBI_ERR.DENIED; note = why; } break; }
      case 4: { const why = pv.unpin(vm, a0); if (why) { error = SBI_ERR.DENIED; note = why; } break; }
      case 5: ops.spend(pv.fence(vm, a0 === 0xffffffff ? undefined : a0)); break;
      case 6:
        if ((a0 & 0xfff) !== 0 || !vm.memory.isRam(a0)) { error = SBI_ERR.INVALID_PARAM; break; }
        vcpu.pvShared = a0;
        publishShared(h, vcpu);
        break;
      case 7: {
        const bytes = vm.memory.read(a0, a1);
        if (!bytes) { error = SBI_ERR.INVALID_PARAM; break; }
        for (const b of bytes) vm.uart.write(0, 1, b);
        ops.spend(bytes.length * COST.consoleByte);
        value = bytes.length;
        break;
      }
      case 8: em = priv(h, vcpu, a0, ops); if (em && !em.illegal && PRIV_OPS[a0 & 0xff] === 'sret') resumeAt = em.resumePc; break;
      default: error = SBI_ERR.NOT_SUPPORTED;
    }
  };
  return {
    handler: `pv.${name}`,
    phases: [
      { name: 'decode', text: `hypercall ${name} (a7 = ${hex(PV_EID)}, a6 = ${d.fid}), a0..a1 = ${hex(a0)}, ${hex(a1)}: nothing to fetch or decode`, run: () => undefined },
      { name: 'emulate', text: `carry out ${name} for ${vcpu.name}`, run: emulate },
      {
        name: 'update', text: d.fid === 8 ? 'the result went to the register or its slot on the stack' : 'sbiret: a0 = error, a1 = value', run: () => {
          if (d.fid !== 8) { h.x[10] = error; h.x[11] = value; }
        },
      },
      {
        name: 'resume', text: d.fid === 8 && (a0 & 0xff) === 8 ? 'sret: to the guest\'s sepc, the sequence\'s frame popped' : 'after the ecall', run: () => {
          if (em?.illegal) { ops.redirect(2, privInstruction(a0) ?? 0); return; }
          if (vcpu.state === 'running' || vcpu.state === 'halted') {
            ops.resume(resumeAt);
            if (em && !em.illegal && PRIV_OPS[a0 & 0xff] === 'sret') noteVirtualReturn(h);
          }
          void note;
        },
      },
    ],
  };
}

/** `priv`: the encoded privileged instruction, with a0/a6/a7 living in the sequence's stack slots. */
function priv(h: Hart, vcpu: Vcpu, encoded: number, ops: ExitOps): Emulated | undefined {
  const bits = privInstruction(encoded);
  if (bits === undefined) return { illegal: true, resumePc: 0, rd: 0, value: 0, satpChanged: false, statusChanged: false, fence: undefined };
  const sp = h.x[2] >>> 0;
  const slot = (i: number): number | undefined => guestWord(h, vcpu, sp + 4 * i);
  const saved = SLOT_REGS.map((r) => h.x[r]);
  SLOT_REGS.forEach((r, i) => { const v = slot(i); if (v !== undefined) h.x[r] = v; });
  const op = PRIV_OPS[encoded & 0xff];
  if (op === 'wfi') { ops.halt(); return { illegal: false, resumePc: 0, rd: 0, value: 0, satpChanged: false, statusChanged: false, fence: undefined }; }
  h.sepc = ops.exit.pc; // emulatePrivileged reads the instruction's pc from sepc
  const em = emulatePrivileged(h, vcpu, bits, () => ops.exit.time);
  if (!em.illegal) {
    if (em.rd !== 0) h.x[em.rd] = em.value;
    if (em.fence) ops.spend(ops.tae!.fence(em.fence.va));
    if (em.satpChanged) {
      const why = (vcpu.vm.paging as ParavirtPaging).validateRoot(vcpu.vm, h.vsatp);
      if (why) { vcpu.vm.end('failed', 1, `${vcpu.name}: satp 0x${(h.vsatp >>> 0).toString(16)} refused: ${why}`); return em; }
    }
    if (op === 'sret') {
      h.x[2] = (sp + 16) | 0; // the sequence's frame is popped by the VMM: sret does not come back to it
    } else {
      SLOT_REGS.forEach((r, i) => writeGuestWord(h, vcpu, sp + 4 * i, h.x[r]));
      SLOT_REGS.forEach((r, i) => { h.x[r] = saved[i]; });
    }
    ops.tae!.sync();
  }
  return em;
}

function guestWord(h: Hart, vcpu: Vcpu, va: number): number | undefined {
  const w = walkGuest(vcpu.vm.memory, h.vsatp, va, Access.Read, vcpu.mode, true, false, true);
  if (w.fault) return undefined;
  const b = vcpu.vm.memory.read(w.gpa, 4);
  return b ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) | 0 : undefined;
}

function writeGuestWord(h: Hart, vcpu: Vcpu, va: number, v: number): void {
  const w = walkGuest(vcpu.vm.memory, h.vsatp, va, Access.Write, vcpu.mode, true, false, true);
  if (!w.fault) vcpu.vm.memory.write(w.gpa, Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff));
}


/** Writes the VMM's side of the shared page: pending interrupts, the trap registers, sstatus. */
export function publishShared(h: Hart, vcpu: Vcpu): void {
  if (vcpu.pvShared < 0) return;
  const put = (off: number, v: number): void => { vcpu.vm.memory.write(vcpu.pvShared + off, Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff)); };
  put(PV_SHARED.pending, (h.hvip & 0x444) >>> 1);
  put(PV_SHARED.sepc, h.vsepc); put(PV_SHARED.scause, h.vscause); put(PV_SHARED.stval, h.vstval); put(PV_SHARED.sstatus, h.vsstatus);
  put(PV_SHARED.sie, (h.vsstatus >>> 1) & 1);
}

/** Reads the guest's side: its interrupt-enable flag becomes sstatus.SIE (masking took no exit). */
export function readShared(h: Hart, vcpu: Vcpu): void {
  if (vcpu.pvShared < 0) return;
  const b = vcpu.vm.memory.read(vcpu.pvShared + PV_SHARED.sie, 4);
  if (!b) return;
  h.vsstatus = b[0] & 1 ? (h.vsstatus | 2) : (h.vsstatus & ~2);
}
