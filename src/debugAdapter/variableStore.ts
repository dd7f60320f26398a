import { Handles } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TrapInfo } from '../engine/cpu/hart';
import { causeName } from '../engine/cpu/causeNames';
import { contextPrefix, dataId } from './breakpointBook';
import { CSR_GROUPS, CsrAlias, csrDoc, csrFields, csrSummary, fieldValue, GUEST_CSRS, HYPERVISOR_CSRS, withField } from './csrView';
import type { DebugTarget } from './debugTarget';
import { formatValue, numberOf } from './expressions';
import type { AddressSpace } from './memoryReference';
import { ABI_NAMES, modeName, PC, PRIV_NAMES, registerIndex } from './registers';
import { PhaseChanges, VmmContainer, vmmScopes, vmmVariables } from './vmmScopes';

/**
 * The Variables view: scopes of a frame (Registers, CSRs, and Trap for a trap frame; with the
 * hypervisor extension also "Guest (VS)": the S CSRs as the guest reads them, and "Hypervisor":
 * the H CSRs decoded) and their variables, with setVariable and data-breakpoint lookups.
 * Under the built-in VMM a thread is a vCPU: its Guest vCPU scope (pc, mode, x0..x31 and the VS
 * CSRs under the names the guest reads them by), then the VMM's scopes (vmmScopes.ts).
 * References live until the next resume (reset()).
 */

type Container =
  | { kind: 'registers'; hart: number }
  | { kind: 'csrGroups'; hart: number }
  | { kind: 'csrGroup'; hart: number; group: number }
  | { kind: 'csrList'; hart: number; list: readonly CsrAlias[] }
  | { kind: 'csrFields'; hart: number; csr: string }
  | { kind: 'pointer'; hart: number; address: number; space: AddressSpace }
  | { kind: 'trap'; hart: number; trap: TrapInfo }
  | { kind: 'vcpu'; hart: number }
  | { kind: 'vmm'; hart: number; inner: VmmContainer };

const POINTER_WORDS = 8;
const hex8 = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');

export class VariableStore {
  private handles = new Handles<Container>();
  /** What the last VM-exit phase the debugger ran changed (built-in VMM). */
  phaseChanges: PhaseChanges | undefined;

  constructor(private readonly target: DebugTarget) {}

  reset(): void { this.handles.reset(); }

  /** The scopes of a frame of thread `hart`: `trap` for a trap frame, `exitFrame` for a VM exit's hypervisor frame. */
  scopes(hart: number, trap: TrapInfo | undefined, exitFrame = false): DebugProtocol.Scope[] {
    if (this.target.vcpus) {
      const child = (inner: VmmContainer): number => this.handles.create({ kind: 'vmm', hart, inner });
      const vcpu: DebugProtocol.Scope = { name: 'Guest vCPU', presentationHint: 'registers', variablesReference: this.handles.create({ kind: 'vcpu', hart }), namedVariables: 34 + GUEST_CSRS.length, expensive: false };
      const more = vmmScopes(this.target, hart, child, this.phaseChanges, exitFrame);
      const list = exitFrame ? [...more.filter((s) => s.name !== 'VM statistics'), vcpu, ...more.filter((s) => s.name === 'VM statistics')] : [vcpu, ...more];
      if (trap) list.unshift({ name: 'Trap', variablesReference: this.handles.create({ kind: 'trap', hart, trap }), namedVariables: 6, expensive: false });
      return list;
    }
    const scopes: DebugProtocol.Scope[] = [
      { name: 'Registers', presentationHint: 'registers', variablesReference: this.handles.create({ kind: 'registers', hart }), namedVariables: 34, expensive: false },
      { name: 'CSRs', variablesReference: this.handles.create({ kind: 'csrGroups', hart }), namedVariables: CSR_GROUPS.length, expensive: false },
    ];
    if (this.target.machine.harts[hart].hasH) {
      scopes.push(
        { name: 'Guest (VS)', variablesReference: this.handles.create({ kind: 'csrList', hart, list: GUEST_CSRS }), namedVariables: GUEST_CSRS.length, expensive: false },
        { name: 'Hypervisor', variablesReference: this.handles.create({ kind: 'csrList', hart, list: HYPERVISOR_CSRS }), namedVariables: HYPERVISOR_CSRS.length, expensive: false },
      );
    }
    if (trap) scopes.unshift({ name: 'Trap', variablesReference: this.handles.create({ kind: 'trap', hart, trap }), namedVariables: 6, expensive: false });
    return scopes;
  }

  private container(ref: unknown): Container {
    const c = typeof ref === 'number' ? this.handles.get(ref) : undefined;
    if (!c) throw new Error(`unknown variablesReference ${String(ref)} (references expire when the program runs)`);
    return c;
  }

  /**
   * Whether `value` points into RAM as hart `hart` sees it; the reference to hand out if so
   * (guest-virtual in the guest, so it stays right after the hart leaves the guest).
   */
  pointerRef(hart: number, value: number): { ref: string; space: AddressSpace } | undefined {
    const m = this.target.machine;
    const v = value >>> 0;
    let space: AddressSpace = 'gva';
    if (!this.target.vcpus) {
      const h = m.harts[hart];
      space = h.virt ? 'gva' : h.priv !== 3 && (h.satp >>> 31) === 1 ? 'current' : 'physical';
    }
    const t = this.target.translate(hart, space, v);
    if (t.pa === undefined || m.bus.ramOffset(t.pa) < 0) return undefined;
    return { ref: this.target.memoryRef(v, space, hart), space };
  }

  private registerVariable(hart: number, i: number): DebugProtocol.Variable {
    const v = this.target.readRegister(hart, i);
    const isPointerReg = i === PC || (i >= 1 && i <= 4);
    const context = this.target.contextOf(hart);
    const value = formatValue({ bits: v >>> 0, signed: !isPointerReg, size: 4, address: isPointerReg || undefined }, (a) => this.target.describe(a, context));
    const name = i === PC ? 'pc' : `x${i} (${ABI_NAMES[i]})`;
    const out: DebugProtocol.Variable = { name, value, evaluateName: i === PC ? 'pc' : ABI_NAMES[i], variablesReference: 0, type: 'register' };
    const p = i !== 0 ? this.pointerRef(hart, v) : undefined;
    if (p) {
      out.memoryReference = p.ref;
      out.variablesReference = this.handles.create({ kind: 'pointer', hart, address: v >>> 0, space: p.space });
      out.indexedVariables = POINTER_WORDS;
    }
    return out;
  }

  variables(ref: unknown): DebugProtocol.Variable[] {
    const c = this.container(ref);
    const t = this.target, m = t.machine;
    switch (c.kind) {
      case 'registers': {
        const h = m.harts[c.hart];
        const out = [this.registerVariable(c.hart, PC), { name: 'mode', value: modeName(h), variablesReference: 0, type: 'privilege', presentationHint: { attributes: ['readOnly'] } } as DebugProtocol.Variable];
        for (let i = 0; i < 32; i++) out.push(this.registerVariable(c.hart, i));
        return out;
      }
      case 'vcpu': {
        const vc = t.vcpus!;
        const mode = vc.modeName(c.hart);
        const out: DebugProtocol.Variable[] = [this.registerVariable(c.hart, PC), { name: 'mode', value: mode, variablesReference: 0, type: 'privilege', presentationHint: { attributes: ['readOnly'] } }];
        for (let i = 0; i < 32; i++) out.push(this.registerVariable(c.hart, i));
        return [...out, ...this.csrVariables(c.hart, GUEST_CSRS)];
      }
      case 'vmm':
        return vmmVariables(t, c.inner, (inner) => this.handles.create({ kind: 'vmm', hart: c.hart, inner }));
      case 'csrGroups':
        return CSR_GROUPS.map((g, group) => ({ name: g.name, value: `${g.csrs.length} CSRs`, variablesReference: this.handles.create({ kind: 'csrGroup', hart: c.hart, group }) }));
      case 'csrGroup':
        return this.csrVariables(c.hart, CSR_GROUPS[c.group].csrs.map((name) => ({ name, csr: name })));
      case 'csrList':
        return this.csrVariables(c.hart, c.list);
      case 'csrFields': {
        const whole = t.readCsrByName(c.hart, c.csr) ?? 0;
        return (csrFields(c.csr) ?? []).map((f) => {
          const v = fieldValue(f, whole);
          const shown = f.width === 1 && !f.meaning ? String(v) : `${f.meaning ? f.meaning(v, whole) : '0x' + v.toString(16)}${f.meaning && f.width > 1 && f.width < 31 ? ` (${v})` : ''}`;
          return { name: f.name, value: shown, variablesReference: 0, type: f.doc ?? `bits ${f.lsb + f.width - 1}:${f.lsb}` };
        });
      }
      case 'pointer': {
        const out: DebugProtocol.Variable[] = [];
        for (let k = 0; k < POINTER_WORDS; k++) {
          const a = (c.address + 4 * k) >>> 0;
          const w = t.readValue(c.hart, a, 4, c.space);
          const ref = t.memoryRef(a, c.space, c.hart);
          const prefix = c.space === 'gva' ? ref.slice(0, ref.lastIndexOf(':') + 1) : '';
          out.push({
            name: `[+${4 * k}]`, value: w === undefined ? '??' : formatValue({ bits: w, signed: true, size: 4 }),
            evaluateName: `*(u32*)${prefix}0x${a.toString(16)}`, variablesReference: 0, memoryReference: ref, type: 'u32',
          });
        }
        return out;
      }
      case 'trap': {
        const tr = c.trap;
        // Under the built-in VMM a trap frame is the guest's own (with V=1, unless its VM runs deprivileged).
        const guest = t.vcpus !== undefined || t.trapFromV(tr) === true;
        const fromV = t.vcpus ? !t.vcpus.deprivileged(c.hart) : guest;
        const at = t.describe(tr.epc, t.vcpus ? t.contextOf(c.hart) : guest ? 'guest' : 'hypervisor', true);
        return [
          { name: 'cause', value: `${tr.cause} ${causeName(tr.cause, tr.interrupt)}`, variablesReference: 0 },
          { name: 'interrupt', value: String(tr.interrupt), variablesReference: 0 },
          { name: 'tval', value: hex8(tr.tval), variablesReference: 0 },
          { name: 'epc', value: hex8(tr.epc) + (at ? ` <${at}>` : ''), variablesReference: 0, memoryReference: t.memoryRef(tr.epc, guest ? 'gva' : 'physical', c.hart) },
          { name: 'from', value: `${fromV ? 'V' : ''}${PRIV_NAMES[tr.fromPriv] ?? String(tr.fromPriv)}`, variablesReference: 0 },
          { name: 'to', value: `${t.vcpus && fromV ? 'V' : ''}${PRIV_NAMES[tr.toPriv] ?? String(tr.toPriv)}`, variablesReference: 0 },
        ];
      }
    }
  }

  /** CSR variables (those that exist on this hart), each decoded into its fields when it has some. */
  private csrVariables(hart: number, list: readonly CsrAlias[]): DebugProtocol.Variable[] {
    const out: DebugProtocol.Variable[] = [];
    for (const { name, csr } of list) {
      const v = this.target.readCsrByName(hart, csr);
      if (v === undefined) continue;
      const fields = csrFields(csr);
      out.push({
        name, value: csrSummary(csr, v), evaluateName: csr, type: csr === name ? 'csr' : csr,
        variablesReference: fields ? this.handles.create({ kind: 'csrFields', hart, csr }) : 0,
        presentationHint: csrDoc(csr) ? { kind: 'property' } : undefined,
      });
    }
    return out;
  }

  /** setVariable: registers, pc, CSRs, CSR fields and pointed-to words. Returns the new value text. */
  setVariable(ref: unknown, name: string, valueText: string): DebugProtocol.SetVariableResponse['body'] {
    const c = this.container(ref);
    const t = this.target;
    if (typeof name !== 'string' || typeof valueText !== 'string') throw new Error('setVariable needs a name and a value');
    const value = (): number => numberOf(t.evaluate(valueText, c.hart)) >>> 0;
    switch (c.kind) {
      case 'vcpu':
      case 'registers': {
        const csr = c.kind === 'vcpu' ? GUEST_CSRS.find((x) => x.name === name)?.csr : undefined;
        if (csr) {
          t.writeCsrByName(c.hart, csr, value());
          return { value: csrSummary(csr, t.readCsrByName(c.hart, csr) ?? 0) };
        }
        const reg = registerIndex(name.replace(/\s*\(.*\)$/, ''));
        if (reg === undefined) throw new Error(`${name} cannot be set`);
        t.writeRegister(c.hart, reg, value());
        const v = this.registerVariable(c.hart, reg);
        return { value: v.value, variablesReference: v.variablesReference, memoryReference: v.memoryReference };
      }
      case 'csrGroup': {
        t.writeCsrByName(c.hart, name, value());
        return { value: csrSummary(name, t.readCsrByName(c.hart, name) ?? 0) };
      }
      case 'csrList': {
        const csr = c.list.find((x) => x.name === name)?.csr;
        if (!csr) throw new Error(`${name} is not in this scope`);
        t.writeCsrByName(c.hart, csr, value());
        return { value: csrSummary(csr, t.readCsrByName(c.hart, csr) ?? 0) };
      }
      case 'csrFields': {
        const f = (csrFields(c.csr) ?? []).find((x) => x.name === name);
        if (!f) throw new Error(`${c.csr} has no field ${name}`);
        const whole = t.readCsrByName(c.hart, c.csr) ?? 0;
        t.writeCsrByName(c.hart, c.csr, withField(f, whole, value()));
        const now = fieldValue(f, t.readCsrByName(c.hart, c.csr) ?? 0);
        return { value: f.meaning ? f.meaning(now, t.readCsrByName(c.hart, c.csr) ?? 0) : String(now) };
      }
      case 'pointer': {
        const m = /^\[\+(\d+)\]$/.exec(name);
        if (!m) throw new Error(`${name} cannot be set`);
        const a = (c.address + Number(m[1])) >>> 0;
        t.writeValue(c.hart, a, 4, value(), c.space);
        return { value: formatValue({ bits: t.readValue(c.hart, a, 4, c.space) ?? 0, signed: true, size: 4 }) };
      }
      default:
        throw new Error(`${name} is read-only`);
    }
  }

  /** The hart a reference belongs to (for evaluating expressions next to it). */
  hartOf(ref: unknown): number { return this.container(ref).hart; }

  /** dataBreakpointInfo for a variable: the memory a pointer register points to, or a pointed-to word. */
  dataInfo(ref: unknown, name: string): DebugProtocol.DataBreakpointInfoResponse['body'] {
    const c = this.container(ref);
    const none = (why: string) => ({ dataId: null, description: why });
    const guestContext = this.target.vcpus ? this.target.contextOf(c.hart) : 'guest';
    if (c.kind === 'registers' || c.kind === 'vcpu') {
      const reg = registerIndex(name.replace(/\s*\(.*\)$/, ''));
      if (reg === undefined || reg === PC) return none(`${name} is not a memory location`);
      const v = this.target.readRegister(c.hart, reg) >>> 0;
      const p = this.pointerRef(c.hart, v);
      if (!p) return none(`${name} does not point into RAM, so there is nothing to watch`);
      const context = p.space === 'gva' ? guestContext : 'hypervisor';
      return { dataId: dataId(v, 4, context), description: `*(u32*)${contextPrefix(context)}0x${v.toString(16)} (what ${ABI_NAMES[reg]} points to)`, accessTypes: ['read', 'write', 'readWrite'], canPersist: true };
    }
    if (c.kind === 'pointer') {
      const m = /^\[\+(\d+)\]$/.exec(name);
      if (!m) return none(`${name} is not a memory location`);
      const a = (c.address + Number(m[1])) >>> 0;
      const context = c.space === 'gva' ? guestContext : 'hypervisor';
      return { dataId: dataId(a, 4, context), description: `*(u32*)${contextPrefix(context)}0x${a.toString(16)}`, accessTypes: ['read', 'write', 'readWrite'], canPersist: true };
    }
    return none('registers and CSRs cannot be watched; watch memory instead');
  }
}
