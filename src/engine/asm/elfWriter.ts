import { DwarfSections } from './dwarf';
import { LINE_SECTION } from './lineTable';
import { LinkedImage, LinkedSymbol } from './linker';

/**
 * Writes a linked image as an ELF32 little-endian RISC-V executable: one PT_LOAD per allocated
 * section, section headers, .symtab/.strtab (file symbols, locals, $x/$d mapping symbols, then
 * globals, as ld orders them), the line table in a `.hyperstep.lines` section and, for GNU
 * tools, as DWARF (.debug_info/.debug_abbrev/.debug_line).
 */

const SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8, SHT_RISCV_ATTRIBUTES = 0x70000003;
const SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4, SHF_TLS = 0x400;
const SHN_ABS = 0xfff1;
const PT_LOAD = 1;
const EF_RISCV_RVC = 1;
const SEGMENT_ALIGN = 64;

class StringTable {
  private readonly parts: number[] = [0];
  private readonly index = new Map<string, number>();
  add(s: string): number {
    if (s === '') return 0;
    const known = this.index.get(s);
    if (known !== undefined) return known;
    const off = this.parts.length;
    for (const b of Buffer.from(s, 'utf8')) this.parts.push(b);
    this.parts.push(0);
    this.index.set(s, off);
    return off;
  }
  bytes(): Uint8Array { return Uint8Array.from(this.parts); }
}

interface SectionHeader {
  name: number; type: number; flags: number; addr: number; offset: number; size: number;
  link: number; info: number; align: number; entsize: number; data?: Uint8Array;
}

/**
 * The .riscv.attributes section (Tag_RISCV_arch), so disassemblers know the extensions: objdump
 * prints H instructions only when the ELF says the program uses H.
 */
export function riscvAttributes(arch: string): Uint8Array {
  const archBytes = [...Buffer.from(arch, 'utf8'), 0];
  // Privileged spec 1.11, as GNU as records for code using CSRs; objdump names CSRs accordingly.
  const sub = [5 /* Tag_RISCV_arch */, ...archBytes, 8 /* priv_spec */, 1, 10 /* priv_spec_minor */, 11];
  const fileLen = 1 + 4 + sub.length;
  const vendor = [...Buffer.from('riscv', 'ascii'), 0];
  const total = 4 + vendor.length + fileLen;
  const out = [0x41];
  const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  out.push(...u32(total), ...vendor, 1 /* Tag_File */, ...u32(fileLen), ...sub);
  return Uint8Array.from(out);
}

/** A further non-allocated section (the previrtualization notes), written after the line table. */
export interface NoteSection { name: string; data: Uint8Array }

export function writeElf(image: LinkedImage, lineTableJson: string, arch?: string, dwarf?: DwarfSections, notes: readonly NoteSection[] = []): Uint8Array {
  const shstr = new StringTable();
  const headers: SectionHeader[] = [{ name: 0, type: 0, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, align: 0, entsize: 0 }];
  const indexOf = new Map<string, number>();
  for (const s of image.sections) {
    indexOf.set(s.name, headers.length);
    headers.push({
      name: shstr.add(s.name), type: s.nobits ? SHT_NOBITS : SHT_PROGBITS,
      flags: (s.flags.alloc ? SHF_ALLOC : 0) | (s.flags.write ? SHF_WRITE : 0) | (s.flags.exec ? SHF_EXECINSTR : 0) | (s.flags.tls ? SHF_TLS : 0),
      addr: s.flags.alloc ? s.addr : 0, offset: 0, size: s.size, link: 0, info: 0, align: s.alignment, entsize: 0,
      data: s.nobits ? undefined : s.data,
    });
  }

  if (arch) {
    const attrs = riscvAttributes(arch);
    headers.push({ name: shstr.add('.riscv.attributes'), type: SHT_RISCV_ATTRIBUTES, flags: 0, addr: 0, offset: 0, size: attrs.length, link: 0, info: 0, align: 1, entsize: 0, data: attrs });
  }

  if (dwarf) {
    for (const [name, data] of [['.debug_info', dwarf.debugInfo], ['.debug_abbrev', dwarf.debugAbbrev], ['.debug_line', dwarf.debugLine]] as const) {
      headers.push({ name: shstr.add(name), type: SHT_PROGBITS, flags: 0, addr: 0, offset: 0, size: data.length, link: 0, info: 0, align: 1, entsize: 0, data });
    }
  }

  // Symbols: per file, an STT_FILE symbol then its locals; mapping symbols; then globals.
  const strtab = new StringTable();
  const syms: number[][] = [[0, 0, 0, 0, 0, 0]];
  const symEntry = (s: LinkedSymbol, bind: number): number[] => {
    const type = s.type === 'func' ? 2 : s.type === 'object' ? 1 : 0;
    const shndx = s.section === undefined ? SHN_ABS : (indexOf.get(s.section) ?? SHN_ABS);
    return [strtab.add(s.name), s.value >>> 0, s.size >>> 0, (bind << 4) | type, 0, shndx];
  };
  const files = [...new Set(image.symbols.map((s) => s.file))];
  for (const file of files) {
    syms.push([strtab.add(file.replace(/^.*[\\/]/, '')), 0, 0, 4 /* STT_FILE */, 0, SHN_ABS]);
    for (const s of image.symbols) if (s.file === file && !s.global) syms.push(symEntry(s, 0));
  }
  for (const m of image.mapping) syms.push([strtab.add(`$${m.kind}`), m.addr >>> 0, 0, 0, 0, indexOf.get(m.section) ?? SHN_ABS]);
  const firstGlobal = syms.length;
  for (const s of image.symbols) if (s.global) syms.push(symEntry(s, s.weak ? 2 : 1));
  const symData = new Uint8Array(syms.length * 16);
  const sv = new DataView(symData.buffer);
  syms.forEach(([name, value, size, info, other, shndx], i) => {
    sv.setUint32(i * 16, name, true); sv.setUint32(i * 16 + 4, value, true); sv.setUint32(i * 16 + 8, size, true);
    symData[i * 16 + 12] = info; symData[i * 16 + 13] = other; sv.setUint16(i * 16 + 14, shndx, true);
  });
  const symtabIndex = headers.length;
  headers.push({ name: shstr.add('.symtab'), type: SHT_SYMTAB, flags: 0, addr: 0, offset: 0, size: symData.length, link: symtabIndex + 1, info: firstGlobal, align: 4, entsize: 16, data: symData });
  const strData = strtab.bytes();
  headers.push({ name: shstr.add('.strtab'), type: SHT_STRTAB, flags: 0, addr: 0, offset: 0, size: strData.length, link: 0, info: 0, align: 1, entsize: 0, data: strData });
  const lines = Buffer.from(lineTableJson, 'utf8');
  headers.push({ name: shstr.add(LINE_SECTION), type: SHT_PROGBITS, flags: 0, addr: 0, offset: 0, size: lines.length, link: 0, info: 0, align: 1, entsize: 0, data: lines });
  for (const n of notes) {
    headers.push({ name: shstr.add(n.name), type: SHT_PROGBITS, flags: 0, addr: 0, offset: 0, size: n.data.length, link: 0, info: 0, align: 4, entsize: 0, data: n.data });
  }
  const shstrIndex = headers.length;
  const shstrHeader: SectionHeader = { name: shstr.add('.shstrtab'), type: SHT_STRTAB, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, align: 1, entsize: 0 };
  headers.push(shstrHeader);
  shstrHeader.data = shstr.bytes();
  shstrHeader.size = shstrHeader.data.length;

  // File layout: header, program headers, section contents, section header table.
  const loads = image.sections.filter((s) => s.flags.alloc && s.size > 0);
  let offset = 52 + loads.length * 32;
  const place = (h: SectionHeader, congruentTo?: number): void => {
    if (congruentTo !== undefined) {
      const want = congruentTo % SEGMENT_ALIGN;
      offset += (want - (offset % SEGMENT_ALIGN) + SEGMENT_ALIGN) % SEGMENT_ALIGN;
    } else if (h.align > 1) offset = Math.ceil(offset / h.align) * h.align;
    h.offset = offset;
    if (h.type !== SHT_NOBITS) offset += h.size;
  };
  for (let i = 1; i < headers.length; i++) {
    const h = headers[i];
    place(h, h.flags & SHF_ALLOC ? h.addr : undefined);
  }
  offset = Math.ceil(offset / 4) * 4;
  const shoff = offset;
  const total = shoff + headers.length * 40;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);

  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]);
  v.setUint16(16, 2, true);        // ET_EXEC
  v.setUint16(18, 243, true);      // EM_RISCV
  v.setUint32(20, 1, true);
  v.setUint32(24, image.entry >>> 0, true);
  v.setUint32(28, loads.length ? 52 : 0, true);
  v.setUint32(32, shoff, true);
  v.setUint32(36, image.usedRvc ? EF_RISCV_RVC : 0, true);
  v.setUint16(40, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, loads.length, true);
  v.setUint16(46, 40, true);
  v.setUint16(48, headers.length, true);
  v.setUint16(50, shstrIndex, true);

  loads.forEach((s, i) => {
    const h = headers[indexOf.get(s.name) as number];
    const p = 52 + i * 32;
    v.setUint32(p, PT_LOAD, true);
    v.setUint32(p + 4, h.offset, true);
    v.setUint32(p + 8, s.addr >>> 0, true);
    v.setUint32(p + 12, s.addr >>> 0, true);
    v.setUint32(p + 16, s.nobits ? 0 : s.size, true);
    v.setUint32(p + 20, s.size, true);
    v.setUint32(p + 24, 4 | (s.flags.write ? 2 : 0) | (s.flags.exec ? 1 : 0), true);
    v.setUint32(p + 28, SEGMENT_ALIGN, true);
  });

  headers.forEach((h, i) => {
    if (h.data && h.type !== SHT_NOBITS) out.set(h.data, h.offset);
    const p = shoff + i * 40;
    v.setUint32(p, h.name, true); v.setUint32(p + 4, h.type, true); v.setUint32(p + 8, h.flags, true);
    v.setUint32(p + 12, h.addr >>> 0, true); v.setUint32(p + 16, h.offset, true); v.setUint32(p + 20, h.size, true);
    v.setUint32(p + 24, h.link, true); v.setUint32(p + 28, h.info, true); v.setUint32(p + 32, h.align, true);
    v.setUint32(p + 36, h.entsize, true);
  });
  return out;
}
