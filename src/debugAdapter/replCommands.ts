import { disassemble, DisassemblerState } from '../engine/isa/disassembler';
import { ABI_NAMES } from '../engine/isa/disassembler';
import { csrSummary } from './csrView';
import type { DebugTarget } from './debugTarget';
import type { Context } from './launchConfig';
import { evaluateExpression, ExpressionError, formatValue, numberOf, parseExpression, Place, readCString, Space, spacePrefix } from './expressions';
import { AddressSpace, parseVcpuName } from './memoryReference';
import { modeName, PC } from './registers';
import { formatWalk, pteFlags, walkSv32 } from './sv32Walk';
import { formatDeprivilegedWalk, formatP2m } from './shadowWalk';
import { formatTwoStageWalk } from './twoStageWalk';

/**
 * Debug-console commands, gdb style, besides plain expressions:
 *
 *   x/NFU ADDR       examine memory: N units of U (b, h, w) in format F (x, d, u, c, i, s)
 *   info registers   pc, mode and x0..x31 (or `info registers a0 sp`)
 *   info tlb         satp and the hart's cached Sv32 translations
 *   info symbol ADDR which label an address belongs to
 *   translate VA     the walk of VA in the hart's context: Sv32, or with V=1 the 2-D walk
 *   translate gva A  the two-stage walk of guest-virtual A (vsatp, every PTE read through hgatp)
 *   translate gpa A  the G-stage (hgatp, Sv32x4) walk of guest-physical A
 *   translate vm1 A  under the built-in VMM: the 2-D walk of A in VM vm1 (its vCPU 0; vm1/vcpu1 ...);
 *                    a deprivileged VM's: its own walk through the P2M, and the shadow walk
 *   print/F EXPR     evaluate (p/x, p/d, p/u, p/c, p/t)
 *   set var L = R    assign to a register, CSR or memory location
 *   help
 */

export const REPL_COMMANDS = ['x/', 'info registers', 'info tlb', 'info symbol', 'translate', 'print', 'set var', 'help'];

export const REPL_HELP = [
  'Expressions: registers (a0, x5, pc), CSRs (mstatus), symbols (labels are addresses), numbers (0x2a, 42, \'A\'),',
  '  + - * / % << >> & | ^ ~ ! == != < <= > >= && || ?:, memory *(u32*)(sp+8), *(u8*)msg, [addr], casts (i16)x.',
  'Commands:',
  '  x/NFU ADDR        examine memory: N units, F = x d u c i s, U = b h w   e.g. x/8wx sp, x/4i pc, x/s msg',
  '  info registers    all registers (or: info registers a0 sp)',
  '  info tlb          satp and the cached Sv32 translations of this hart',
  '  info symbol ADDR  the label an address belongs to',
  '  translate VA      the page-table walk for an address in the hart\'s context (Sv32; with V=1 the 2-D walk)',
  '  translate gva VA  the two-stage walk: VS stage (vsatp) with each PTE read through the G stage (hgatp), numbered',
  '  translate gpa PA  the G-stage (hgatp, Sv32x4) walk of a guest-physical address',
  '  translate vm1 VA  (built-in VMM) the 2-D walk in VM vm1 (its vCPU 0; vm1/vcpu1 for another), also translate vm1 gpa PA;',
  '                    under shadow/paravirt paging the guest\'s walk through the P2M, the shadow walk the hart does, and what nested would cost',
  'Address spaces: gva:ADDR (guest-virtual), gpa:ADDR (guest-physical), hpa:ADDR (host-physical), e.g. x/4wx gva:0x80001000, *gpa:0x80001000;',
  '  under the built-in VMM a VM may follow the prefix: x/4wx gva:vm2:0x80001000, *gpa:vm1/vcpu1:0x80000000',
  '  print/F EXPR      evaluate, F = x d u c t (p/x a0)',
  '  set var L = R     assign to a register, CSR or memory: set var *(u32*)0x80001000 = 5',
].join('\n') + '\n';

const hex8 = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');

export class ReplError extends Error {}

/** Runs `line` as a command; undefined when it is not one (evaluate it as an expression). */
export function runReplCommand(target: DebugTarget, hart: number, line: string): string | undefined {
  const text = line.trim();
  let m: RegExpExecArray | null;
  if (text === 'help' || text === '?') return REPL_HELP;
  if ((m = /^x(?:\/(\w*))?\s+(.+)$/.exec(text))) return examine(target, hart, m[1] ?? '', m[2]);
  if ((m = /^i(?:nfo)?\s+(r|reg|registers|all-registers)(?:\s+(.*))?$/.exec(text))) return infoRegisters(target, hart, m[2]);
  if (/^i(?:nfo)?\s+tlb$/.test(text)) return infoTlb(target, hart);
  if ((m = /^i(?:nfo)?\s+symbol\s+(.+)$/.exec(text))) {
    const a = address(target, hart, m[1]);
    const d = target.describe(a.address, contextOfSpace(target, a.thread, a.space));
    return d ? `${d} (${spacePrefix(a.space, a.owner)}0x${a.address.toString(16)})\n` : `No symbol matches ${spacePrefix(a.space, a.owner)}0x${a.address.toString(16)}.\n`;
  }
  if (/^i(?:nfo)?(\s|$)/.test(text)) throw new ReplError('info what? info registers, info tlb or info symbol ADDR');
  if ((m = /^translate\s+([A-Za-z_][A-Za-z0-9_-]*(?:\/vcpu\d+)?)\s+(?:(gva|gpa)\s+)?(.+)$/i.exec(text)) && !/^(gva|gpa)$/i.test(m[1]) && target.vcpus) {
    const who = parseVcpuName(m[1]);
    if (who && target.vmm?.vmByName(who.name)) return translate(target, target.threadOfVcpuName(who.name, who.vcpu), m[2]?.toLowerCase(), m[3], true);
  }
  if ((m = /^translate\s+(?:(gva|gpa)\s+)?(.+)$/i.exec(text))) return translate(target, hart, m[1]?.toLowerCase(), m[2]);
  if ((m = /^(?:p|print)(?:\/([xdutc]))?\s+(.+)$/.exec(text))) return printValue(target, hart, m[1], m[2]);
  if ((m = /^set\s+(?:var(?:iable)?\s+)?(.+?)\s*=(?!=)\s*(.+)$/.exec(text))) return assign(target, hart, m[1], m[2]);
  return undefined;
}

/** An address expression, with the space it names (`gva:…`), if any. */
/** An address expression, with the space it names (`gva:…`) and whose it is (`gva:vm2:…`: that VM's thread). */
function address(target: DebugTarget, hart: number, expr: string): { address: number; space: Space | undefined; owner?: string; thread: number } {
  const v = evaluateExpression(expr, target.evalContext(hart));
  const who = v.owner ? parseVcpuName(v.owner) : undefined;
  const thread = who ? target.threadOfVcpuName(who.name, who.vcpu) : hart;
  return { address: v.bits >>> 0, space: v.space, owner: v.owner, thread };
}

function addressSpace(space: Space | undefined): AddressSpace { return space ?? 'current'; }

function contextOfSpace(target: DebugTarget, hart: number, space: Space | undefined): Context {
  if (target.vcpus) return target.contextOf(hart);
  if (space === 'gva' || space === 'gpa') return 'guest';
  return space === 'physical' ? 'hypervisor' : target.contextOf(hart);
}

/**
 * `translate [gva|gpa] ADDR`: the walk that ADDR goes through (by default in the thread's
 * context; a vCPU's is always guest-virtual). `named`: the thread was named by its VM
 * (`translate vm1 ...`), so the output says whose walk it is.
 */
function translate(target: DebugTarget, hart: number, kind: string | undefined, expr: string, named = false): string {
  const h = target.machine.harts[target.vcpus ? 0 : hart];
  // A literal guest-physical address may be wider than 32 bits (Sv32x4 takes 34).
  const literal = /^\s*(0x[0-9a-f_]+|\d+)\s*$/i.exec(expr);
  let a: { address: number; space: Space | undefined };
  if (kind === 'gpa' && literal) a = { address: Number(literal[1].replace(/_/g, '')), space: 'gpa' };
  else { const x = address(target, hart, expr); a = x; hart = x.thread; }
  const space = (kind as Space | undefined) ?? a.space ?? (target.vcpus || h.virt ? 'gva' : undefined);
  if (space === 'physical') return `hpa:0x${a.address.toString(16)} is a host-physical address: nothing to translate\n`;
  const vc = target.vcpus;
  if (vc?.deprivileged(hart) && (space === 'gva' || space === 'gpa' || space === undefined || space === 'current')) {
    const vm = vc.vm(hart), whose = `${target.threadName(hart)}, ${space === 'gpa' ? 'guest-physical' : 'guest-virtual'} 0x${a.address.toString(16)}:\n`;
    if (space === 'gpa') return whose + formatP2m(vm, a.address);
    const satp = vc.hardwareSatp(hart), vsatp = vc.vsatp(hart);
    const view = `${vc.priv(hart) === 1 ? 'S' : 'U'} view`;
    const describes = satp === undefined ? `the shadow of the guest's satp ${hex8(vsatp)} in ${view}` : `satp ${hex8(satp)}, the VMM's shadow of the guest's satp ${hex8(vsatp)} in ${view}`;
    return whose + formatDeprivilegedWalk(vm, vm.paging.kind as 'shadow' | 'paravirt', vsatp, vc.vsstatus(hart), a.address, { satp, describes }, target.physicalWord);
  }
  if (space === 'gva' || space === 'gpa') {
    if (!h.hasH) throw new ReplError('translate gva/gpa needs the hypervisor extension (launch.json "hypervisor": true)');
    if (space === 'gpa' && a.address >= 2 ** 34) throw new ReplError(`0x${a.address.toString(16)} is wider than a 34-bit guest-physical address`);
    const w = space === 'gva' ? target.walkGva(hart, a.address) : target.walkGpa(hart, a.address);
    const vsstatus = target.guestTranslation(hart).vsstatus;
    const whose = target.vcpus && (named || space === 'gpa') ? `${target.threadName(hart)}, ${space === 'gva' ? 'guest-virtual' : 'guest-physical'} 0x${a.address.toString(16)}:\n` : '';
    return whose + formatTwoStageWalk(w, { sum: (vsstatus & (1 << 18)) !== 0, mxr: (vsstatus & (1 << 19)) !== 0 });
  }
  return formatWalk(walkSv32(target.machine, h.satp, a.address), (h.mstatus & (1 << 18)) !== 0, (h.mstatus & (1 << 19)) !== 0);
}

function examine(target: DebugTarget, hart: number, fmt: string, expr: string): string {
  const fm = /^(\d*)([xduciswhb]*)$/.exec(fmt);
  if (!fm) throw new ReplError(`bad format '/${fmt}': use x/NFU, e.g. x/8wx sp`);
  const count = fm[1] ? Math.min(Number(fm[1]), 4096) : 1;
  let format = 'x', unit = 4;
  for (const c of fm[2]) {
    if (c === 'b') unit = 1; else if (c === 'h') unit = 2; else if (c === 'w') unit = 4;
    else format = c;
  }
  const start = address(target, hart, expr);
  hart = start.thread;
  let a = start.address;
  const space = addressSpace(start.space), context = contextOfSpace(target, hart, start.space);
  const out: string[] = [];
  const label = (x: number): string => {
    const d = target.describe(x, context);
    return `${spacePrefix(start.space, start.owner)}${hex8(x)}${d ? ` <${d}>` : ''}:`;
  };
  if (format === 'i') {
    const state = new DisassemblerState();
    const virt = target.vcpus ? true : target.machine.harts[hart].virt;
    const here = space === 'current' || (space === 'gva') === virt;
    const pc = target.readRegister(hart, PC) >>> 0;
    for (let k = 0; k < count; k++) {
      const bits = target.peekInstruction(hart, a, space);
      if (bits === undefined) { out.push(`${label(a)}\t<cannot read memory>`); break; }
      const len = (bits & 3) === 3 ? 4 : 2;
      const marker = here && a === pc ? '=> ' : '   ';
      out.push(`${marker}${label(a)}\t${disassemble(bits, a, { aliases: true, state, allCsrNames: true, printAddress: (x) => { const d = target.describe(x, context); return `0x${x.toString(16)}${d ? ` <${d}>` : ''}`; } })}`);
      a = (a + len) >>> 0;
    }
    return out.join('\n') + '\n';
  }
  if (format === 's') {
    const base = target.evalContext(hart);
    const ctx = { ...base, readMemory: (x: number, size: 1 | 2 | 4) => base.readMemory(x, size, start.space, start.owner) };
    for (let k = 0; k < count; k++) {
      const s = readCString(ctx, a, 1024);
      out.push(`${label(a)}\t${JSON.stringify(s)}`);
      a = (a + Buffer.byteLength(s) + 1) >>> 0;
    }
    return out.join('\n') + '\n';
  }
  const perLine = unit === 1 ? 8 : unit === 2 ? 8 : 4;
  let lineText = '';
  for (let k = 0; k < count; k++) {
    const at = (a + k * unit) >>> 0;
    if (k % perLine === 0) { if (lineText) out.push(lineText); lineText = label(at); }
    const v = target.readValue(hart, at, unit as 1 | 2 | 4, space);
    if (v === undefined) { lineText += '\t<cannot read memory>'; break; }
    lineText += '\t' + formatUnit(v, unit, format);
  }
  if (lineText) out.push(lineText);
  return out.join('\n') + '\n';
}

function formatUnit(v: number, unit: number, format: string): string {
  const bits = unit * 8;
  switch (format) {
    case 'd': return String(bits === 32 ? v | 0 : (v << (32 - bits)) >> (32 - bits));
    case 'u': return String(v >>> 0);
    case 'c': return `${v} ${JSON.stringify(String.fromCharCode(v & 0xff))}`;
    default: return '0x' + v.toString(16).padStart(unit * 2, '0');
  }
}

function infoRegisters(target: DebugTarget, hart: number, which: string | undefined): string {
  const h = target.machine.harts[target.vcpus ? 0 : hart];
  const rows: string[] = [];
  const row = (name: string, v: number, extra = ''): void => {
    rows.push(`${name.padEnd(8)} ${hex8(v)}  ${String(v | 0).padStart(11)}${extra}`);
  };
  const names = which?.trim() ? which.trim().split(/[\s,]+/) : undefined;
  if (!names) {
    const pc = target.readRegister(hart, PC) >>> 0;
    const d = target.describe(pc, target.contextOf(hart), true);
    row('pc', pc, d ? `  <${d}>` : '');
    rows.push(`mode     ${target.vcpus ? `${target.vcpus.modeName(hart)}, ${target.threadName(hart)}` : modeName(h)}`);
    for (let i = 1; i < 32; i++) row(`${ABI_NAMES[i]}`, target.readRegister(hart, i), `  x${i}`);
    return rows.join('\n') + '\n';
  }
  const ctx = target.evalContext(hart);
  for (const n of names) {
    const csr = target.readCsrByName(hart, n);
    if (csr !== undefined && ctx.register(n) === undefined) { rows.push(`${n.padEnd(8)} ${csrSummary(n, csr)}`); continue; }
    const v = evaluateExpression(n, ctx);
    row(n, v.bits);
  }
  return rows.join('\n') + '\n';
}

function infoTlb(target: DebugTarget, hart: number): string {
  if (target.vcpus) throw new ReplError('info tlb shows a hart\'s Sv32 TLB; a vCPU\'s guest translations: translate VA (or translate vm1 VA)');
  const h = target.machine.harts[hart];
  const satp = h.satp >>> 0;
  const lines = [`hart ${hart}, mode ${modeName(h)}, satp ${csrSummary('satp', satp)}`];
  if (h.priv === 3) lines.push('M-mode does not translate (unless MPRV applies to loads and stores).');
  const mmu = h.mmu as unknown as { entries?: () => { vpn: number; asid: number; ppn: number; flags: number; global: boolean }[] };
  const entries = mmu.entries?.() ?? [];
  if (entries.length === 0) lines.push('TLB: empty');
  else {
    lines.push(`TLB: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} (4 KiB pages)`);
    lines.push('  VA          PA          ASID  flags');
    for (const e of entries.sort((a, b) => a.vpn - b.vpn)) {
      lines.push(`  ${hex8(e.vpn * 4096)}  ${hex8(e.ppn * 4096)}  ${String(e.global ? 'G' : e.asid).padStart(4)}  ${pteFlags(e.flags)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function printValue(target: DebugTarget, hart: number, fmt: string | undefined, expr: string): string {
  const v = evaluateExpression(expr, target.evalContext(hart));
  switch (fmt) {
    case 'x': return '0x' + v.bits.toString(16) + '\n';
    case 'd': return String(numberOf({ ...v, signed: true })) + '\n';
    case 'u': return String(v.bits) + '\n';
    case 'c': return `${v.bits & 0xff} ${JSON.stringify(String.fromCharCode(v.bits & 0xff))}\n`;
    case 't': return v.bits.toString(2) + '\n';
    default: return formatValue(v, (a) => target.describe(a, contextOfSpace(target, hart, v.space))) + '\n';
  }
}

/** Writes `value` to the place `lhs` names. Returns the new value. */
export function assignPlace(target: DebugTarget, hart: number, place: Place | undefined, value: number, what: string): void {
  if (!place) throw new ExpressionError(`${what} is not something that can be assigned (a register, CSR or memory location)`);
  if (place.kind === 'register') {
    const idx = place.name === 'pc' ? 32 : undefined;
    if (idx !== undefined) target.writeRegister(hart, idx, value);
    else {
      const i = regIndex(place.name);
      target.writeRegister(hart, i, value);
    }
  } else if (place.kind === 'csr') target.writeCsrByName(hart, place.name, value);
  else {
    const who = place.owner ? parseVcpuName(place.owner) : undefined;
    target.writeValue(who ? target.threadOfVcpuName(who.name, who.vcpu) : hart, place.address, place.size, value, addressSpace(place.space));
  }
}

function regIndex(name: string): number {
  const i = ABI_NAMES.indexOf(name);
  if (i >= 0) return i;
  if (name === 'fp') return 8;
  const m = /^x(\d+)$/.exec(name);
  if (m && Number(m[1]) < 32) return Number(m[1]);
  throw new ExpressionError(`unknown register ${name}`);
}

function assign(target: DebugTarget, hart: number, lhs: string, rhs: string): string {
  parseExpression(lhs);
  const ctx = target.evalContext(hart);
  const place = evaluateExpression(lhs, ctx).place;
  const value = evaluateExpression(rhs, ctx).bits;
  assignPlace(target, hart, place, value, lhs);
  return formatValue(evaluateExpression(lhs, target.evalContext(hart)), (a) => target.describe(a, target.contextOf(hart))) + '\n';
}
