import { disassemble } from '../isa/disassembler';
import { COST } from './costModel';
import type { ExitDetail } from './exits';
import type { ExitOps, ExitPlan } from './exitHandlers';
import type { Emulated } from './trapAndEmulate';
import { Access } from '../mmu/pmp';
import { noteVirtualReturn } from './guestEntry';

/**
 * The exits only a trap-and-emulate VMM has (shadow and paravirtual paging): a privileged
 * instruction of the deprivileged guest kernel, a hidden fault that fills a shadow entry, and a
 * store into a write-protected guest page table.
 */

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

function disasm(bits: number): string {
  try { return disassemble(bits >>> 0, 0); } catch { return '?'; }
}

export function privilegedInstruction(ops: ExitOps, d: Extract<ExitDetail, { reason: 'privileged-instruction' }>): ExitPlan {
  const text = disasm(d.insn), mnemonic = text.split(/\s/)[0];
  let em: Emulated | undefined;
  ops.spend(COST.privileged);
  return {
    handler: mnemonic.startsWith('csr') ? 'emulate.csr' : `emulate.${mnemonic.replace('.', '_')}`,
    phases: [
      { name: 'decode', text: `the guest kernel (U-mode on the hart) executed ${text} (${hex(d.insn)}): illegal in U-mode, a trap to the VMM`, run: () => undefined },
      { name: 'emulate', text: 'carry it out on the guest\'s virtual supervisor state (its sstatus, sepc, satp, ...)', run: () => { em = ops.tae!.emulate(d.insn); } },
      {
        name: 'update', text: 'write rd; re-derive the shadow view when satp, sstatus or the privilege changed; sfence.vma drops shadow entries', run: () => {
          if (!em || em.illegal) return;
          if (em.rd !== 0 && ops.hart) ops.hart.x[em.rd] = em.value;
          if (em.fence) ops.spend(ops.tae!.fence(em.fence.va));
          ops.tae!.sync();
        },
      },
      {
        name: 'resume', text: 'back into the guest after the instruction (sret: at its sepc, in the mode it returns to)', run: () => {
          if (!em || em.illegal) ops.redirect(2, d.insn);
          else {
            ops.resume(em.resumePc);
            if (mnemonic === 'sret') noteVirtualReturn(ops.hart);
          }
        },
      },
    ],
  };
}

export function hiddenFault(ops: ExitOps, d: Extract<ExitDetail, { reason: 'hidden-fault' }>): ExitPlan {
  const access = d.access === 'write' ? Access.Write : d.access === 'fetch' ? Access.Exec : Access.Read;
  return {
    handler: 'shadow.fill',
    phases: [
      { name: 'decode', text: `${d.access} at ${hex(d.gva)}: the guest's table allows it (guest-physical ${hex(d.gpa)}), the shadow has no entry yet: a hidden fault`, run: () => undefined },
      { name: 'emulate', text: 'walk the guest table in software, set its A (and D for a store), compose GVA -> GPA -> HPA into a shadow PTE', run: () => { ops.spend(ops.tae!.fill(d.gva, access)); } },
      { name: 'update', text: 'nothing to write back: the guest never sees a hidden fault', run: () => undefined },
      { name: 'resume', text: 'back to the same instruction, which now hits the shadow', run: () => ops.resume(ops.exit.pc) },
    ],
  };
}

export function ptWrite(ops: ExitOps, d: Extract<ExitDetail, { reason: 'pt-write' }>): ExitPlan {
  let refused: string | undefined;
  return {
    handler: 'shadow.pt_write',
    phases: [
      {
        name: 'decode', text: `${d.width}-byte store of ${hex(d.value)} at ${hex(d.gva)} (${disasm(d.insn)}) into a guest page-table page ` +
          `(guest-physical ${hex(d.gpa)}), which every shadow maps read-only`, run: () => undefined,
      },
      {
        name: 'emulate', text: 'do the store for the guest (paravirtual: only if the new PTE passes validation)', run: () => {
          ops.spend(COST.ptWriteSync);
          refused = ops.tae!.writeGuest(d.gpa, d.width, d.value);
        },
      },
      { name: 'update', text: 'bring the hardware entries that the changed PTE described up to date', run: () => { if (!refused) ops.spend(ops.tae!.ptWritten(d.gpa)); } },
      {
        name: 'resume', text: `past the store (sepc + ${d.length}); a refused store is a store access fault for the guest`, run: () => {
          if (refused) ops.redirect(7, d.gva);
          else ops.resume(ops.exit.pc + d.length);
        },
      },
    ],
  };
}
