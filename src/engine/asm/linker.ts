import { isInternalName, displayName } from './assembler';
import { DiagnosticSink, SourceRange, didYouMean } from './diagnostics';
import * as E from './encoder';
import { Expr, ExprError, Value, evaluate } from './expressions';
import { LineTable, LineRow } from './lineTable';
import { AsmSymbol, Fixup, Frag, ObjectFile, Section, SectionFlags, SymbolType } from './objectFile';
import { PrevirtSite } from '../loader/previrtNotes';

/**
 * The linker: places every file's sections into output sections, resolves symbols across files
 * (.globl), and fills in every fixup. The layout is the one GNU ld produces with the linker
 * script `gnuLinkerScript()` returns (the reference tests link with exactly that script):
 *
 *   .text   at the text base (default 0x80000000): .text.init first, then .text and .text.*
 *   .rodata after it: .rodata, .rodata.*, .srodata, .srodata.*
 *   .data   after it: .data, .data.*, .sdata, .sdata.*
 *   .bss    after it: .bss, .bss.*, .sbss, .sbss.*
 *
 * Each output section starts at the largest alignment of its inputs; each input section is
 * aligned to its own alignment, gaps are zero. Sections with other names are placed as ld
 * places orphans: code after .text, read-only data after .rodata, data after .data, zero-fill
 * after .bss. A linker map may give any output section a fixed address; the ones after it
 * follow it.
 */

export type LinkerMap = Record<string, number> | string;

export interface OutputSection {
  name: string;
  addr: number;
  size: number;
  alignment: number;
  flags: SectionFlags;
  nobits: boolean;
  data: Uint8Array;
}

export interface LinkedSymbol {
  name: string;
  value: number;
  size: number;
  type: SymbolType;
  global: boolean;
  weak: boolean;
  /** Output section name, or undefined for absolute symbols (.equ constants). */
  section: string | undefined;
  file: string;
}

export interface LinkedImage {
  sections: OutputSection[];
  symbols: LinkedSymbol[];
  /** Code/data boundaries for disassemblers ($x / $d mapping symbols). */
  mapping: Array<{ addr: number; kind: 'x' | 'd'; section: string }>;
  entry: number;
  lineTable: LineTable;
  usedRvc: boolean;
  /** Previrtualization sites (rewritten or left native), by address; empty unless previrtualizing. */
  previrt: PrevirtSite[];
}

interface Placed { file: ObjectFile; section: Section; addr: number }
interface Output { name: string; rule: number; inputs: Placed[]; flags: SectionFlags; nobits: boolean; addr: number; size: number; alignment: number }

const RULES: Array<{ name: string; statements: string[][] }> = [
  { name: '.text', statements: [['.text.init'], ['.text', '.text.*']] },
  { name: '.rodata', statements: [['.rodata', '.rodata.*', '.srodata', '.srodata.*']] },
  { name: '.data', statements: [['.data', '.data.*', '.sdata', '.sdata.*']] },
  { name: '.bss', statements: [['.bss', '.bss.*', '.sbss', '.sbss.*']] },
];

const matches = (name: string, pattern: string): boolean =>
  pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;

/** The GNU ld script that lays sections out as this linker does. */
export function gnuLinkerScript(textBase: number, map: Record<string, number> = {}): string {
  const hex = (n: number): string => '0x' + (n >>> 0).toString(16);
  const lines = ['ENTRY(_start)', 'SECTIONS', '{', `  . = ${hex(map['.text'] ?? textBase)};`];
  for (const r of RULES) {
    const at = map[r.name] !== undefined && r.name !== '.text' ? ` ${hex(map[r.name])}` : '';
    const body = r.statements.map((st) => `*(${st.join(' ')}${r.name === '.bss' && st.includes('.bss') ? ' COMMON' : ''})`).join(' ');
    lines.push(`  ${r.name}${at} : { ${body} }`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Parses a linker map: an object, or text lines `NAME = ADDRESS` (# comments). */
export function parseLinkerMap(map: LinkerMap | undefined, diags: DiagnosticSink): Record<string, number> {
  if (map === undefined) return {};
  if (typeof map !== 'string') {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(map)) {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) out[k] = v;
      else diags.error({ file: '<linker map>', line: 1, column: 1, endColumn: 2 }, `bad address for section ${k}`);
    }
    return out;
  }
  const out: Record<string, number> = {};
  map.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const m = /^([A-Za-z0-9_.$]+)\s*[=:]\s*(0[xX][0-9a-fA-F]+|[0-9]+)$/.exec(line);
    if (!m || Number(m[2]) > 0xffffffff) {
      diags.error({ file: '<linker map>', line: i + 1, column: 1, endColumn: raw.length + 1 }, `expected 'SECTION = ADDRESS', found '${line}'`);
      return;
    }
    out[m[1]] = Number(m[2]);
  });
  return out;
}

const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

export function link(files: ObjectFile[], textBase: number, map: Record<string, number>, diags: DiagnosticSink): LinkedImage {
  const outputs = place(files, textBase, map, diags);
  const placedOf = new Map<Section, Placed>();
  for (const o of outputs) for (const p of o.inputs) placedOf.set(p.section, p);
  const outputOf = new Map<Section, Output>();
  for (const o of outputs) for (const p of o.inputs) outputOf.set(p.section, o);

  const addrOfFrag = (f: Frag): number => (placedOf.get(f.section)?.addr ?? 0) + f.address;
  const resolver = new SymbolResolver(files, addrOfFrag, diags);

  // Contents.
  const data = new Map<Output, Uint8Array>();
  for (const o of outputs) {
    const bytes = new Uint8Array(o.nobits ? 0 : o.size);
    if (!o.nobits) for (const p of o.inputs) for (const f of p.section.frags) bytes.set(f.bytes.view(), p.addr - o.addr + f.address);
    data.set(o, bytes);
  }

  // Fixups: %pcrel_lo needs its %pcrel_hi, so those go second.
  const pcrelHi = new Map<ObjectFile, Map<number, number>>();
  for (const pass of [1, 2]) {
    for (const file of files) {
      if (!pcrelHi.has(file)) pcrelHi.set(file, new Map());
      for (const s of file.sections) {
        const o = outputOf.get(s);
        if (!o || o.nobits) continue;
        const bytes = data.get(o) as Uint8Array;
        for (const f of s.frags) {
          for (const fx of f.fixups) {
            const isLo = fx.kind === 'pcrel_lo12_i' || fx.kind === 'pcrel_lo12_s';
            if ((pass === 1) === isLo) continue;
            const P = addrOfFrag(f) + fx.offset;
            applyFixup(fx, P, bytes, P - o.addr, file, resolver, pcrelHi.get(file) as Map<number, number>, diags);
          }
        }
      }
    }
  }

  const sections: OutputSection[] = outputs.map((o) => ({
    name: o.name, addr: o.addr, size: o.size, alignment: o.alignment, flags: o.flags, nobits: o.nobits, data: data.get(o) as Uint8Array,
  }));

  // Symbols for the ELF symbol table and the debugger.
  const symbols: LinkedSymbol[] = [];
  for (const file of files) {
    for (const s of file.symbols.values()) {
      if (s.internal || s.kind === 'undefined') continue;
      if (s.global && !resolver.isWinner(s)) continue;
      const value = resolver.valueOf(file, s);
      if (value === undefined) continue;
      const sec = s.kind === 'label' ? outputOf.get((s.frag as Frag).section)?.name : undefined;
      let size = 0;
      if (s.size) { const v = resolver.tryEval(file, s.size); if (v !== undefined) size = v >>> 0; }
      symbols.push({ name: s.name, value: value >>> 0, size, type: s.type, global: s.global, weak: s.weak, section: sec, file: file.path });
    }
  }

  const mapping: LinkedImage['mapping'] = [];
  for (const file of files) {
    for (const s of file.sections) {
      const o = outputOf.get(s);
      if (!o) continue;
      for (const m of s.mapping) mapping.push({ addr: addrOfFrag(m.frag) + m.offset, kind: m.kind, section: o.name });
    }
  }
  mapping.sort((a, b) => a.addr - b.addr);

  // One row per statement occurrence: la's auipc+addi share a row; each .rept copy has its own.
  const rows: LineRow[] = [];
  for (const file of files) {
    let prev: { row: LineRow; statement: number } | undefined;
    for (const r of file.lines) {
      if (r.size === 0 || !outputOf.get(r.frag.section)?.flags.alloc) continue;
      const address = addrOfFrag(r.frag) + r.offset;
      if (prev && prev.statement === r.statement && prev.row.address + prev.row.size === address) {
        prev.row.size += r.size;
        continue;
      }
      const row = { address, size: r.size, file: r.loc.file, line: r.loc.line, column: r.loc.column };
      rows.push(row);
      prev = { row, statement: r.statement };
    }
  }

  const previrt: PrevirtSite[] = [];
  for (const file of files) {
    for (const p of file.previrt) {
      if (!outputOf.get(p.frag.section)?.flags.alloc) continue;
      const where = { address: (addrOfFrag(p.frag) + p.offset) >>> 0, original: p.original, file: p.loc.file, line: p.loc.line, column: p.loc.column };
      previrt.push(p.rewritten ? { kind: 'rewritten', ...where, ...p.rewritten } : { kind: 'native', ...where, length: 4, reason: p.reason ?? 'uses-sp' });
    }
  }
  previrt.sort((a, b) => a.address - b.address);

  const start = symbols.find((s) => s.name === '_start' && s.global);
  const text = sections.find((s) => s.name === '.text');
  let entry = start ? start.value : (text ? text.addr : textBase);
  if (!start) {
    const local = symbols.find((s) => s.name === '_start');
    if (local && local.value !== entry) {
      const file = files.find((f) => f.path === local.file);
      const def = file?.symbols.get('_start')?.defined;
      if (def) diags.warning(def, `'_start' is not global, so execution starts at the beginning of .text (add '.globl _start')`);
    }
    entry = entry >>> 0;
  }
  return { sections, symbols, mapping, entry, lineTable: new LineTable(rows), usedRvc: files.some((f) => f.usedRvc || f.rvcAtStart), previrt };
}

function place(files: ObjectFile[], textBase: number, map: Record<string, number>, diags: DiagnosticSink): Output[] {
  const byName = new Map<string, Output>();
  const fixedOrder: Output[] = RULES.map((r, i) => ({ name: r.name, rule: i, inputs: [], flags: { alloc: true, write: false, exec: false }, nobits: false, addr: 0, size: 0, alignment: 1 }));
  for (const o of fixedOrder) byName.set(o.name, o);
  const orphans: Output[][] = [[], [], [], [], []];
  const claimed = new Set<Section>();
  // Script statements are processed one at a time over all files (ld's order).
  RULES.forEach((r, i) => {
    for (const st of r.statements) {
      for (const file of files) {
        for (const s of file.sections) {
          if (claimed.has(s)) continue;
          if (st.some((p) => matches(s.name, p))) { fixedOrder[i].inputs.push({ file, section: s, addr: 0 }); claimed.add(s); }
        }
      }
    }
  });
  for (const file of files) {
    for (const s of file.sections) {
      if (claimed.has(s)) continue;
      claimed.add(s);
      let o = byName.get(s.name);
      if (!o) {
        const category = !s.flags.alloc ? 4 : s.flags.exec ? 0 : s.nobits ? 3 : s.flags.write ? 2 : 1;
        o = { name: s.name, rule: 10 + category, inputs: [], flags: { ...s.flags }, nobits: s.nobits, addr: 0, size: 0, alignment: 1 };
        byName.set(s.name, o);
        orphans[category].push(o);
      }
      o.inputs.push({ file, section: s, addr: 0 });
    }
  }
  const ordered: Output[] = [];
  fixedOrder.forEach((o, i) => { ordered.push(o, ...orphans[i]); });
  ordered.push(...orphans[4]);

  let addr = map['.text'] ?? textBase;
  const kept: Output[] = [];
  for (const o of ordered) {
    for (const p of o.inputs) {
      o.alignment = Math.max(o.alignment, p.section.alignment);
      o.flags.alloc ||= p.section.flags.alloc;
      o.flags.write ||= p.section.flags.write;
      o.flags.exec ||= p.section.flags.exec;
    }
    o.nobits = o.inputs.length > 0 && o.inputs.every((p) => p.section.nobits);
    const nonEmpty = o.inputs.some((p) => p.section.size > 0);
    if (!o.flags.alloc) {
      let a = 0;
      for (const p of o.inputs) { a = alignUp(a, p.section.alignment); p.addr = a; a += p.section.size; }
      o.addr = 0; o.size = a;
      if (nonEmpty) kept.push(o);
      continue;
    }
    if (map[o.name] !== undefined) addr = map[o.name];
    else if (nonEmpty) addr = alignUp(addr, o.alignment);
    o.addr = addr;
    for (const p of o.inputs) { addr = alignUp(addr, p.section.alignment); p.addr = addr; addr += p.section.size; }
    o.size = addr - o.addr;
    if (nonEmpty && addr > 0x100000000) {
      diags.error({ file: o.inputs[0].file.path, line: 1, column: 1, endColumn: 2 }, `section ${o.name} (0x${o.addr.toString(16)}, ${o.size} bytes) runs past the end of the 32-bit address space`);
    }
    if (nonEmpty) kept.push(o);
    else addr = o.addr;
  }
  for (const k of Object.keys(map)) {
    if (!byName.has(k)) diags.warning({ file: '<linker map>', line: 1, column: 1, endColumn: 2 }, `the linker map names section ${k}, which no file has`);
  }
  return kept;
}
/** Resolves symbols to addresses: a file's own symbols first, then the global ones. */
class SymbolResolver {
  private readonly globals = new Map<string, { file: ObjectFile; sym: AsmSymbol }>();
  private readonly reported = new Set<string>();

  constructor(private readonly files: ObjectFile[], private readonly addrOfFrag: (f: Frag) => number, private readonly diags: DiagnosticSink) {
    for (const file of files) {
      for (const s of file.symbols.values()) {
        if (!s.global || s.kind === 'undefined') continue;
        const prev = this.globals.get(s.name);
        if (prev && !prev.sym.weak && !s.weak) {
          const where = prev.sym.defined ? ` (first defined at ${prev.sym.defined.file}:${prev.sym.defined.line})` : '';
          if (s.defined) diags.error(s.defined, `multiple definition of '${s.name}'${where}`);
          continue;
        }
        if (!prev || (prev.sym.weak && !s.weak)) this.globals.set(s.name, { file, sym: s });
      }
    }
  }

  /** The value of an expression in a file; throws ExprError. Reports undefined symbols at `at`. */
  evaluate(file: ObjectFile, e: Expr, at: SourceRange | undefined): number {
    const v = evaluate(e, (name, x) => this.resolve(file, name, x, at));
    if (v.pos !== undefined || v.neg !== undefined) throw new ExprError('expression is not an address or a constant', e.start, e.end);
    return v.c;
  }

  /** For a global symbol: is this the definition every reference resolves to? */
  isWinner(s: AsmSymbol): boolean {
    const g = this.globals.get(s.name);
    return !g || g.sym === s;
  }

  tryEval(file: ObjectFile, e: Expr): number | undefined {
    try { return this.evaluate(file, e, undefined); } catch { return undefined; }
  }

  valueOf(file: ObjectFile, s: AsmSymbol): number | undefined {
    if (s.kind === 'label') return this.addrOfFrag(s.frag as Frag) + (s.offset as number);
    if (s.kind === 'equ') return this.tryEval(file, { k: 'sym', name: s.name, start: 0, end: 0 });
    return undefined;
  }

  private resolve(file: ObjectFile, name: string, x: Expr, at: SourceRange | undefined): Value {
    let owner = file;
    let s = file.symbols.get(name);
    // A global symbol means the winning definition (a strong one overrides a weak one).
    if (s && s.global && s.kind !== 'undefined') {
      const g = this.globals.get(name);
      if (g) { owner = g.file; s = g.sym; }
    }
    if (!s || s.kind === 'undefined') {
      const g = this.globals.get(name);
      if (!g) {
        const key = at ? `${at.file}:${at.line}:${name}` : '';
        if (at && !this.reported.has(key)) {
          this.reported.add(key);
          const known = [...file.symbols.values()].filter((y) => y.kind !== 'undefined' && !isInternalName(y.name)).map((y) => y.name);
          const hint = name.includes('\u0002') ? '' : didYouMean(name, [...known, ...this.globals.keys()]);
          const elsewhere = this.files.find((f) => f !== file && f.symbols.get(name)?.kind === 'label');
          const extra = elsewhere ? ` (it is defined in ${elsewhere.path} but not declared .globl there)` : hint;
          this.diags.error(at, `undefined symbol '${displayName(name)}'${extra}`);
        }
        throw new ExprError(`undefined symbol '${name}'`, x.start, x.end);
      }
      owner = g.file;
      s = g.sym;
    }
    if (s.kind === 'label') return { c: this.addrOfFrag(s.frag as Frag) + (s.offset as number) };
    if (s.resolving) throw new ExprError(`symbol '${name}' is defined in terms of itself`, x.start, x.end);
    s.resolving = true;
    try {
      return evaluate(s.expr as Expr, (n, y) => this.resolve(owner, n, y, at));
    } finally {
      s.resolving = false;
    }
  }
}

const RANGE_TEXT: Record<string, string> = {
  branch: 'a branch reaches ±4 KiB', jal: 'jal reaches ±1 MiB', rvc_branch: 'a compressed branch reaches ±256 bytes', rvc_jump: 'a compressed jump reaches ±2 KiB',
};

function applyFixup(fx: Fixup, P: number, bytes: Uint8Array, at: number, file: ObjectFile, r: SymbolResolver, pcrelHi: Map<number, number>, diags: DiagnosticSink): void {
  let value: number;
  try {
    value = r.evaluate(file, fx.expr, fx.loc);
  } catch (e) {
    if (e instanceof ExprError) {
      // Its %pcrel_lo partner has nothing to add to this error.
      if (fx.kind === 'pcrel_hi20') pcrelHi.set(P >>> 0, NaN);
      if (!e.message.startsWith('undefined symbol')) diags.error(fx.loc, e.message);
      return;
    }
    throw e;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const or32 = (off: number, bits: number): void => view.setUint32(off, (view.getUint32(off, true) | bits) >>> 0, true);
  switch (fx.kind) {
    case 'abs8': case 'abs16': case 'abs32': case 'abs64': {
      const size = fx.kind === 'abs8' ? 1 : fx.kind === 'abs16' ? 2 : fx.kind === 'abs32' ? 4 : 8;
      let big = BigInt.asUintN(64, BigInt(Math.trunc(value)));
      const high = big >> BigInt(size * 8);
      if (size < 8 && high !== 0n && high !== (1n << BigInt(64 - size * 8)) - 1n) {
        diags.error(fx.loc, `value 0x${big.toString(16)} does not fit in ${size} byte${size > 1 ? 's' : ''}`);
      }
      for (let i = 0; i < size; i++) { bytes[at + i] = Number(big & 0xffn); big >>= 8n; }
      return;
    }
    case 'hi20': or32(at, E.encodeU(E.hi20(value))); return;
    case 'lo12_i': or32(at, E.encodeI(E.lo12(value))); return;
    case 'lo12_s': or32(at, E.encodeS(E.lo12(value))); return;
    case 'pcrel_hi20': {
      const off = (value - P) | 0;
      pcrelHi.set(P >>> 0, off);
      or32(at, E.encodeU(E.hi20(off)));
      return;
    }
    case 'pcrel_lo12_i': case 'pcrel_lo12_s': {
      const off = pcrelHi.get(value >>> 0);
      if (off !== undefined && Number.isNaN(off)) return;
      if (off === undefined) {
        diags.error(fx.loc, `%pcrel_lo must name the label of an auipc that uses %pcrel_hi (no such auipc at 0x${(value >>> 0).toString(16)})`);
        return;
      }
      or32(at, fx.kind === 'pcrel_lo12_i' ? E.encodeI(E.lo12(off)) : E.encodeS(E.lo12(off)));
      return;
    }
    case 'call': {
      const off = (value - P) | 0;
      or32(at, E.encodeU(E.hi20(off)));
      or32(at + 4, E.encodeI(E.lo12(off)));
      return;
    }
    case 'branch': case 'jal': case 'rvc_branch': case 'rvc_jump': {
      const off = value - P;
      if (!E.offsetInRange(fx.kind, off)) {
        const why = off % 2 !== 0 ? 'the target is not 2-byte aligned' : `the target is ${off} bytes away; ${RANGE_TEXT[fx.kind]}`;
        diags.error(fx.loc, `jump target out of range: ${why}`);
        return;
      }
      if (fx.kind === 'rvc_branch' || fx.kind === 'rvc_jump') view.setUint16(at, E.insertOffset(fx.kind, view.getUint16(at, true), off), true);
      else view.setUint32(at, E.insertOffset(fx.kind, view.getUint32(at, true), off), true);
      return;
    }
  }
}
