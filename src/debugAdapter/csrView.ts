import { causeName } from '../engine/cpu/causeNames';
import { csrByName } from '../engine/isa/csrs';
import { disassemble } from '../engine/isa/disassembler';

/**
 * How the debugger shows CSRs: which group each belongs to in the Variables view, and the
 * bit fields of the ones worth decoding (mstatus, mip/mie, sip/sie, satp, mcause/scause,
 * mtvec/stvec, pmpcfg; with the hypervisor extension hstatus, hedeleg/hideleg by cause name,
 * hvip/hip/hie, hgatp, htval/mtval2 as a guest-physical address, htinst/mtinst decoded,
 * mstatush, and the VS CSRs with the layout of the S CSRs they stand for).
 */

export interface CsrGroup { name: string; csrs: string[] }

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

export const CSR_GROUPS: readonly CsrGroup[] = [
  { name: 'Machine', csrs: ['mstatus', 'mstatush', 'misa', 'medeleg', 'mideleg', 'mie', 'mip', 'mtvec', 'mscratch', 'mepc', 'mcause', 'mtval', 'mtval2', 'mtinst', 'mcounteren', 'menvcfg', 'menvcfgh', 'mhartid', 'mvendorid', 'marchid', 'mimpid'] },
  { name: 'Supervisor', csrs: ['sstatus', 'sie', 'sip', 'stvec', 'sscratch', 'sepc', 'scause', 'stval', 'satp', 'scounteren', 'senvcfg'] },
  { name: 'Counters', csrs: ['cycle', 'cycleh', 'time', 'timeh', 'instret', 'instreth', 'mcycle', 'mcycleh', 'minstret', 'minstreth', 'mcountinhibit'] },
  { name: 'PMP', csrs: [...range('pmpcfg', 0, 3), ...range('pmpaddr', 0, 15)] },
];

/** A CSR as a scope shows it: under `name`, backed by CSR `csr` (the guest's sstatus is vsstatus). */
export interface CsrAlias { name: string; csr: string }

/** The guest's supervisor CSRs as VS-mode reads them (V=1 redirects each S CSR to its VS CSR). */
export const GUEST_CSRS: readonly CsrAlias[] = [
  ['sstatus', 'vsstatus'], ['sie', 'vsie'], ['sip', 'vsip'], ['stvec', 'vstvec'], ['sscratch', 'vsscratch'], ['sepc', 'vsepc'],
  ['scause', 'vscause'], ['stval', 'vstval'], ['satp', 'vsatp'],
].map(([name, csr]) => ({ name, csr }));

/** The hypervisor's own state: H CSRs, and the M CSRs that describe traps from a guest. */
export const HYPERVISOR_CSRS: readonly CsrAlias[] = [
  'hstatus', 'hedeleg', 'hideleg', 'hvip', 'hip', 'hie', 'hgeie', 'hgeip', 'hcounteren', 'htimedelta', 'htimedeltah', 'henvcfg', 'henvcfgh',
  'htval', 'htinst', 'hgatp', 'mtval2', 'mtinst', 'mstatush',
].map((csr) => ({ name: csr, csr }));

export interface Field {
  name: string;
  lsb: number;
  width: number;
  /** A readable meaning of the field's value. */
  meaning?: (v: number, whole: number) => string;
  doc?: string;
}

const PRIV = (v: number): string => ['U', 'S', 'reserved', 'M'][v] ?? String(v);
const FS = (v: number): string => ['Off', 'Initial', 'Clean', 'Dirty'][v];
const bit = (name: string, lsb: number, doc?: string): Field => ({ name, lsb, width: 1, doc });

const MSTATUS: Field[] = [
  bit('SIE', 1, 'S-mode interrupts enabled'), bit('MIE', 3, 'M-mode interrupts enabled'), bit('SPIE', 5, 'SIE before the last trap into S'),
  bit('UBE', 6), bit('MPIE', 7, 'MIE before the last trap into M'),
  { name: 'SPP', lsb: 8, width: 1, meaning: (v) => (v ? 'S' : 'U'), doc: 'privilege before the last trap into S' },
  { name: 'VS', lsb: 9, width: 2, meaning: FS },
  { name: 'MPP', lsb: 11, width: 2, meaning: PRIV, doc: 'privilege before the last trap into M (mret returns there)' },
  { name: 'FS', lsb: 13, width: 2, meaning: FS }, { name: 'XS', lsb: 15, width: 2, meaning: FS },
  bit('MPRV', 17, 'M-mode loads/stores use MPP privilege'), bit('SUM', 18, 'S-mode may access U pages'),
  bit('MXR', 19, 'loads from executable pages allowed'), bit('TVM', 20, 'trap satp/sfence.vma in S'),
  bit('TW', 21, 'trap wfi'), bit('TSR', 22, 'trap sret in S'), bit('SD', 31, 'some extension state is dirty'),
];
const SSTATUS: Field[] = MSTATUS.filter((f) => ['SIE', 'SPIE', 'UBE', 'SPP', 'VS', 'FS', 'XS', 'SUM', 'MXR', 'SD'].includes(f.name));
const MIP: Field[] = [
  bit('SSIP', 1, 'supervisor software'), bit('MSIP', 3, 'machine software'), bit('STIP', 5, 'supervisor timer'),
  bit('MTIP', 7, 'machine timer'), bit('SEIP', 9, 'supervisor external'), bit('MEIP', 11, 'machine external'), bit('LCOFIP', 13, 'counter overflow'),
];
const MIE: Field[] = MIP.map((f) => ({ ...f, name: f.name.replace(/P$/, 'E') }));
const SIP: Field[] = MIP.filter((f) => ['SSIP', 'STIP', 'SEIP', 'LCOFIP'].includes(f.name));
const SIE: Field[] = MIE.filter((f) => ['SSIE', 'STIE', 'SEIE', 'LCOFIE'].includes(f.name));
const SATP: Field[] = [
  { name: 'MODE', lsb: 31, width: 1, meaning: (v) => (v ? 'Sv32' : 'Bare (no translation)') },
  { name: 'ASID', lsb: 22, width: 9 },
  { name: 'PPN', lsb: 0, width: 22, meaning: (v) => `root page table at 0x${(v * 4096).toString(16)}` },
];
const CAUSE: Field[] = [
  { name: 'Interrupt', lsb: 31, width: 1, meaning: (v) => (v ? 'interrupt' : 'exception') },
  { name: 'Code', lsb: 0, width: 31, meaning: (v, whole) => causeName(v, (whole >>> 31) === 1) },
];
const TVEC: Field[] = [
  { name: 'BASE', lsb: 2, width: 30, meaning: (v) => `0x${(v * 4).toString(16)}` },
  { name: 'MODE', lsb: 0, width: 2, meaning: (v) => ['Direct', 'Vectored'][v] ?? 'reserved' },
];
// ---- hypervisor extension (priv spec, "Hypervisor Extension" chapter; RV32 layouts) ----

const MSTATUSH: Field[] = [
  bit('SBE', 4, 'S-mode data accesses are big-endian'), bit('MBE', 5, 'M-mode data accesses are big-endian'),
  bit('GVA', 6, 'mtval holds a guest-virtual address'), bit('MPV', 7, 'V before the last trap into M (mret returns there)'),
];
const HSTATUS: Field[] = [
  bit('VSBE', 5, 'VS-mode data accesses are big-endian'),
  bit('GVA', 6, 'stval holds a guest-virtual address (the last trap into HS)'),
  { name: 'SPV', lsb: 7, width: 1, meaning: (v) => (v ? '1 (trap came from the guest; sret enters it)' : '0 (trap came from the host)'), doc: 'V before the last trap into HS' },
  { name: 'SPVP', lsb: 8, width: 1, meaning: (v) => (v ? 'VS' : 'VU'), doc: 'guest privilege before the last trap (HLV/HSV use it)' },
  bit('HU', 9, 'U-mode may use HLV/HSV'),
  { name: 'VGEIN', lsb: 12, width: 6, doc: 'guest external interrupt number for VSEIP (GEILEN is 0 here)' },
  bit('VTVM', 20, 'trap VS-mode satp/sfence.vma (virtual instruction)'),
  bit('VTW', 21, 'trap VS-mode wfi (virtual instruction)'),
  bit('VTSR', 22, 'trap VS-mode sret (virtual instruction)'),
];
const EXCEPTION_CAUSES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 20, 21, 22, 23];
const EDELEG: Field[] = EXCEPTION_CAUSES.map((c) => bit(`${causeName(c, false)} (${c})`, c));
const H_INTS: Field[] = [
  bit('VSSIP', 2, 'virtual supervisor software'), bit('VSTIP', 6, 'virtual supervisor timer'), bit('VSEIP', 10, 'virtual supervisor external'),
];
const HIP: Field[] = [...H_INTS, bit('SGEIP', 12, 'supervisor guest external')];
const HIE: Field[] = HIP.map((f) => ({ ...f, name: f.name.replace(/P$/, 'E') }));
const IDELEG: Field[] = [2, 6, 10].map((c) => bit(`${causeName(c, true)} (${c})`, c));
const HGATP: Field[] = [
  { name: 'MODE', lsb: 31, width: 1, meaning: (v) => (v ? 'Sv32x4' : 'Bare (GPA = HPA)') },
  { name: 'VMID', lsb: 22, width: 7 },
  { name: 'PPN', lsb: 0, width: 22, meaning: (v) => `16 KiB root table at 0x${((v & ~3) * 4096).toString(16)}` },
];
/** htval/mtval2 hold a guest-physical address shifted right by 2 (it may be 34 bits wide). */
const TVAL2: Field[] = [{ name: 'GPA', lsb: 0, width: 32, meaning: (v) => `0x${(v * 4).toString(16)}`, doc: 'faulting guest-physical address (value << 2)' }];
const TINST: Field[] = [{ name: 'instruction', lsb: 0, width: 32, meaning: (v) => describeTinst(v), doc: 'the trapping instruction, transformed' }];

/**
 * htinst/mtinst: 0 (nothing), a pseudo-instruction for a fault on the guest's own page-table
 * access, or the trapping instruction transformed (its address offset zeroed; bits 1:0 = 01
 * when it was a compressed instruction).
 */
export function describeTinst(v: number): string {
  const x = v >>> 0;
  if (x === 0) return 'none (no instruction information)';
  if (x === 0x2000) return 'pseudo-instruction: implicit 32-bit read of a VS-stage PTE (guest-page fault in the guest\'s page-table walk)';
  if (x === 0x2020) return 'pseudo-instruction: implicit 32-bit write of a VS-stage PTE (A/D update)';
  if (x === 0x3000 || x === 0x3020) return `pseudo-instruction: implicit 64-bit ${x === 0x3000 ? 'read' : 'write'} of a VS-stage PTE`;
  if ((x & 3) === 3) return `transformed: ${disassemble(x, 0, { aliases: true, allCsrNames: true })}`;
  if ((x & 3) === 1) return `transformed from a compressed instruction: ${disassemble(x | 2, 0, { aliases: true, allCsrNames: true })}`;
  return `0x${x.toString(16)} (not a valid transformed instruction)`;
}

const PMP_A = ['OFF', 'TOR', 'NA4', 'NAPOT'];
function pmpcfgFields(reg: number): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < 4; i++) {
    out.push({
      name: `pmp${reg * 4 + i}cfg`, lsb: i * 8, width: 8,
      meaning: (v) => `${v & 0x80 ? 'L ' : ''}${PMP_A[(v >>> 3) & 3]} ${v & 1 ? 'R' : '-'}${v & 2 ? 'W' : '-'}${v & 4 ? 'X' : '-'}`,
    });
  }
  return out;
}

const FIELDS: Record<string, Field[]> = {
  mstatus: MSTATUS, sstatus: SSTATUS, mip: MIP, mie: MIE, sip: SIP, sie: SIE, satp: SATP,
  mcause: CAUSE, scause: CAUSE, mtvec: TVEC, stvec: TVEC,
  mstatush: MSTATUSH, hstatus: HSTATUS, hedeleg: EDELEG, hideleg: IDELEG, hvip: H_INTS, hip: HIP, hie: HIE, hgatp: HGATP,
  htval: TVAL2, mtval2: TVAL2, htinst: TINST, mtinst: TINST,
  vsstatus: SSTATUS, vsip: SIP, vsie: SIE, vsatp: SATP, vscause: CAUSE, vstvec: TVEC,
  pmpcfg0: pmpcfgFields(0), pmpcfg1: pmpcfgFields(1), pmpcfg2: pmpcfgFields(2), pmpcfg3: pmpcfgFields(3),
};

export function csrFields(name: string): Field[] | undefined { return FIELDS[name]; }

export function fieldValue(f: Field, whole: number): number {
  return f.width === 32 ? whole >>> 0 : ((whole >>> f.lsb) & ((2 ** f.width) - 1)) >>> 0;
}

/** `whole` with field `f` replaced by `v`. */
export function withField(f: Field, whole: number, v: number): number {
  const mask = (((2 ** f.width) - 1) * (2 ** f.lsb)) >>> 0;
  return ((whole & ~mask) | ((v * (2 ** f.lsb)) & mask)) >>> 0;
}

const hex8 = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');

/** The value column of a CSR: hex, plus a summary for the decoded ones. */
export function csrSummary(name: string, v: number): string {
  const fields = FIELDS[name];
  if (!fields) return hex8(v);
  let text: string;
  if (name === 'mcause' || name === 'scause' || name === 'vscause') text = v === 0 ? '' : causeName(v & 0x7fffffff, (v >>> 31) === 1);
  else if (name === 'satp' || name === 'vsatp') text = (v >>> 31) ? `Sv32 ASID=${(v >>> 22) & 0x1ff} root=0x${((v & 0x3fffff) * 4096).toString(16)}` : 'Bare';
  else if (name === 'mtvec' || name === 'stvec' || name === 'vstvec') text = `${(v & 3) === 1 ? 'vectored' : 'direct'} at 0x${((v & ~3) >>> 0).toString(16)}`;
  else if (name === 'hgatp') text = (v >>> 31) ? `Sv32x4 VMID=${(v >>> 22) & 0x7f} root=0x${(((v & 0x3fffff) & ~3) * 4096).toString(16)}` : 'Bare';
  else if (name === 'htval' || name === 'mtval2') text = v === 0 ? '' : `GPA 0x${((v >>> 0) * 4).toString(16)}`;
  else if (name === 'htinst' || name === 'mtinst') text = describeTinst(v);
  else if (name === 'hedeleg' || name === 'hideleg') text = fields.filter((f) => fieldValue(f, v)).map((f) => f.name.replace(/ \(\d+\)$/, '')).join(', ');
  else {
    text = fields.filter((f) => fieldValue(f, v) !== 0 || f.name === 'MPP')
      .map((f) => (f.width === 1 && !f.meaning ? f.name : `${f.name}=${f.meaning ? f.meaning(fieldValue(f, v), v) : fieldValue(f, v)}`))
      .join(' ');
  }
  return text ? `${hex8(v)} ${text}` : hex8(v);
}

export function csrNumber(name: string): number | undefined { return csrByName(name)?.num; }
export function csrDoc(name: string): string | undefined { return csrByName(name)?.doc; }
