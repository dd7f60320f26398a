/*
 * ELF32 little-endian RISC-V executables: program headers (PT_LOAD), section headers and the
 * .symtab symbols. Every offset and count is bounds-checked, so any input either parses or
 * throws an ElfError whose message starts with the file name and says what is wrong and where.
 */

export class ElfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElfError';
  }
}

export type ElfSymbolType = 'func' | 'object' | 'notype' | 'section' | 'file' | 'other';
export type ElfSymbolBind = 'local' | 'global' | 'weak' | 'other';

export interface ElfSegment {
  vaddr: number;
  paddr: number;
  /** The file bytes (p_filesz); the rest up to memsz is zero fill. */
  data: Uint8Array;
  memsz: number;
  /** p_flags: PF_X = 1, PF_W = 2, PF_R = 4. */
  flags: number;
}

export interface ElfSymbol {
  name: string; value: number; size: number; type: ElfSymbolType; bind: ElfSymbolBind; shndx: number;
}

export interface ElfSection {
  name: string; type: number; flags: number; addr: number; offset: number; size: number;
}

export interface ElfImage {
  entry: number;
  segments: ElfSegment[];
  symbols: ElfSymbol[];
  /** All section headers in file order (index 0 is the null section), so symbol shndx indexes it. */
  sections: ElfSection[];
  eFlags: number;
}

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const SHDR_SIZE = 40;
const SYM_SIZE = 16;
const EM_RISCV = 243;
const ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
const PT_LOAD = 1;
const SHT_SYMTAB = 2, SHT_NOBITS = 8;
const SHN_XINDEX = 0xffff;
const PN_XNUM = 0xffff;
/** Sanity cap on table sizes; far above any real program, well below what would hang the host. */
const MAX_ENTRIES = 1 << 22;
const TWO32 = 0x1_0000_0000;

const MACHINE_NAMES: Record<number, string> = {
  0: 'no machine (EM_NONE)', 2: 'SPARC', 3: 'x86 (i386)', 4: 'Motorola 68000', 8: 'MIPS', 20: 'PowerPC',
  21: 'PowerPC64', 22: 'IBM S/390', 40: 'ARM (32-bit)', 42: 'SuperH', 43: 'SPARC V9', 50: 'IA-64',
  62: 'x86-64', 83: 'AVR', 93: 'ARC', 94: 'Xtensa', 164: 'Hexagon', 183: 'AArch64', 247: 'BPF', 258: 'LoongArch',
};

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

const hex = (n: number) => '0x' + n.toString(16);

export function parseElf(bytes: Uint8Array, fileName: string): ElfImage {
  const fail = (msg: string): never => { throw new ElfError(`${fileName}: ${msg}`); };
  const len = bytes.length;
  if (len === 0) fail('empty file (0 bytes), not an ELF file');
  if (!isElf(bytes)) {
    const shown = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    fail(`not an ELF file (bad magic ${shown}; an ELF file starts with 7f 45 4c 46)`);
  }
  if (len < 6) fail(`truncated ELF header (file is ${len} bytes, the header needs ${EHDR_SIZE})`);
  const cls = bytes[4];
  if (cls === 2) {
    // e_machine sits at the same offset in both classes; naming it tells an RV64 build from a host binary.
    const m = len >= 20 ? (bytes[5] === 2 ? (bytes[18] << 8) | bytes[19] : bytes[18] | (bytes[19] << 8)) : -1;
    const what = m === EM_RISCV ? 'RISC-V (RV64)' : m >= 0 ? (MACHINE_NAMES[m] ?? `machine ${m}`) : 'unknown machine';
    fail(`this is a 64-bit ${what} ELF file (ELFCLASS64), but Hyperstep runs 32-bit RISC-V (RV32) programs` +
      (m === EM_RISCV ? '; build with -march=rv32imac -mabi=ilp32' : ''));
  }
  if (cls !== 1) fail(`invalid ELF class ${cls} (expected 1, ELFCLASS32)`);
  const data = bytes[5];
  if (data === 2) fail('this is a big-endian ELF file; RISC-V programs are little-endian (ELFDATA2LSB)');
  if (data !== 1) fail(`invalid ELF data encoding ${data} (expected 1, little-endian)`);
  if (len < EHDR_SIZE) fail(`truncated ELF header (file is ${len} bytes, the header needs ${EHDR_SIZE})`);

  const view = new DataView(bytes.buffer, bytes.byteOffset, len);
  const u16 = (off: number) => view.getUint16(off, true);
  const u32 = (off: number) => view.getUint32(off, true);

  if (bytes[6] !== 1) fail(`unsupported ELF version ${bytes[6]} in e_ident (expected 1)`);
  const machine = u16(18);
  if (machine !== EM_RISCV) {
    const what = MACHINE_NAMES[machine] ?? `machine ${machine}`;
    fail(`built for ${what} (e_machine ${machine}), not RISC-V (e_machine 243)`);
  }
  const type = u16(16);
  if (type !== ET_EXEC) {
    if (type === ET_REL) fail('this is a relocatable object file (ET_REL, a .o), not an executable: link it first (e.g. with ld or gcc -nostdlib -T link.ld)');
    if (type === ET_DYN) fail('this is a shared object or position-independent executable (ET_DYN); link a static executable (-static -no-pie, or ld without -shared/-pie)');
    if (type === ET_CORE) fail('this is a core dump (ET_CORE), not an executable');
    fail(`unsupported ELF type ${type} (expected 2, ET_EXEC)`);
  }
  const entry = u32(24);
  const phoff = u32(28), shoff = u32(32), eFlags = u32(36);
  const phentsize = u16(42), shentsize = u16(46);
  let phnum = u16(44), shnum = u16(48), shstrndx = u16(50);

  // Extended numbering: the real counts live in section header 0 (sh_info, sh_size, sh_link).
  if (shoff !== 0 && (phnum === PN_XNUM || shnum === 0 || shstrndx === SHN_XINDEX)) {
    if (shentsize < SHDR_SIZE) fail(`section header entry size ${shentsize} is smaller than ${SHDR_SIZE}`);
    if (shoff + SHDR_SIZE > len) fail(`truncated section header table: header 0 at offset ${hex(shoff)} needs ${SHDR_SIZE} bytes, file is ${hex(len)} bytes`);
    if (phnum === PN_XNUM) phnum = u32(shoff + 28);
    if (shnum === 0) shnum = u32(shoff + 20);
    if (shstrndx === SHN_XINDEX) shstrndx = u32(shoff + 24);
  }

  const segments = readSegments();
  const headers = readSectionHeaders();
  const symbols = readSymbols(headers);
  return { entry, segments, symbols, sections: headers.map((h) => h.section), eFlags };

  function checkTable(what: string, off: number, count: number, entsize: number, minEntsize: number): void {
    if (count === 0) return;
    if (count > MAX_ENTRIES) fail(`${what}: ${count} entries is more than the ${MAX_ENTRIES} supported`);
    if (entsize < minEntsize) fail(`${what}: entry size ${entsize} is smaller than ${minEntsize}`);
    const end = off + count * entsize;
    if (end > len) {
      fail(`truncated ${what}: ${count} entries of ${entsize} bytes at offset ${hex(off)} end at ${hex(end)}, file is ${hex(len)} bytes`);
    }
  }

  function readSegments(): ElfSegment[] {
    checkTable('program header table', phoff, phnum, phentsize, PHDR_SIZE);
    const out: ElfSegment[] = [];
    for (let i = 0; i < phnum; i++) {
      const p = phoff + i * phentsize;
      if (u32(p) !== PT_LOAD) continue;
      const offset = u32(p + 4), vaddr = u32(p + 8), paddr = u32(p + 12);
      const filesz = u32(p + 16), memsz = u32(p + 20), flags = u32(p + 24);
      if (filesz > memsz) fail(`segment ${i} (PT_LOAD at ${hex(vaddr)}): file size ${hex(filesz)} is larger than memory size ${hex(memsz)}`);
      if (offset + filesz > len) {
        fail(`truncated segment ${i} (PT_LOAD at ${hex(vaddr)}): file bytes ${hex(offset)}..${hex(offset + filesz)} go past the end of the file (${hex(len)} bytes)`);
      }
      if (vaddr + memsz > TWO32 || paddr + memsz > TWO32) {
        fail(`segment ${i} (PT_LOAD at ${hex(vaddr)}, physical ${hex(paddr)}): ${hex(memsz)} bytes run past the 4 GiB address space`);
      }
      out.push({ vaddr, paddr, data: bytes.slice(offset, offset + filesz), memsz, flags });
    }
    if (out.length === 0) fail(`no loadable (PT_LOAD) segments among ${phnum} program headers: nothing to load`);
    return out;
  }

  function readSectionHeaders(): SectionHeader[] {
    if (shoff === 0 || shnum === 0) return [];
    checkTable('section header table', shoff, shnum, shentsize, SHDR_SIZE);
    const raw: SectionHeader[] = [];
    for (let i = 0; i < shnum; i++) {
      const s = shoff + i * shentsize;
      const secType = u32(s + 4), offset = u32(s + 16), size = u32(s + 20);
      if (secType !== SHT_NOBITS && i !== 0 && offset + size > len) {
        fail(`truncated section ${i}: bytes ${hex(offset)}..${hex(offset + size)} go past the end of the file (${hex(len)} bytes)`);
      }
      raw.push({
        nameOff: u32(s), link: u32(s + 24), entsize: u32(s + 36),
        section: { name: '', type: secType, flags: u32(s + 8), addr: u32(s + 12), offset, size },
      });
    }
    if (shstrndx !== 0 && shstrndx < shnum) {
      const strtab = raw[shstrndx].section;
      for (const r of raw) r.section.name = readString(strtab, r.nameOff, 'section name string table');
    }
    return raw;
  }

  function readSymbols(sectionsRaw: SectionHeader[]): ElfSymbol[] {
    const symtabIndex = sectionsRaw.findIndex((r) => r.section.type === SHT_SYMTAB);
    if (symtabIndex < 0) return [];
    const symtab = sectionsRaw[symtabIndex];
    const entsize = symtab.entsize === 0 ? SYM_SIZE : symtab.entsize;
    if (entsize < SYM_SIZE) fail(`symbol table (section ${symtabIndex}): entry size ${entsize} is smaller than ${SYM_SIZE}`);
    const count = Math.floor(symtab.section.size / entsize);
    checkTable(`symbol table (section ${symtabIndex})`, symtab.section.offset, count, entsize, SYM_SIZE);
    if (symtab.link === 0 || symtab.link >= sectionsRaw.length) {
      fail(`symbol table (section ${symtabIndex}) links to string table section ${symtab.link}, which does not exist`);
    }
    const strtab = sectionsRaw[symtab.link].section;
    const out: ElfSymbol[] = [];
    for (let i = 0; i < count; i++) {
      const s = symtab.section.offset + i * entsize;
      const info = bytes[s + 12];
      out.push({
        name: readString(strtab, u32(s), `string table (section ${symtab.link})`),
        value: u32(s + 4),
        size: u32(s + 8),
        type: SYMBOL_TYPES[info & 0xf] ?? 'other',
        bind: SYMBOL_BINDS[info >>> 4] ?? 'other',
        shndx: u16(s + 14),
      });
    }
    return out;
  }

  function readString(table: ElfSection, off: number, what: string): string {
    if (table.type === SHT_NOBITS || off >= table.size) {
      if (off === 0) return '';
      fail(`${what}: name offset ${hex(off)} is outside the table (${hex(table.size)} bytes)`);
    }
    const start = table.offset + off, end = table.offset + table.size;
    let stop = start;
    while (stop < end && bytes[stop] !== 0) stop++;
    return decoder.decode(bytes.subarray(start, stop));
  }
}

/** A section header with the fields needed while parsing but not exported. */
interface SectionHeader { nameOff: number; section: ElfSection; link: number; entsize: number }

const decoder = new TextDecoder('utf-8');
const SYMBOL_TYPES: Record<number, ElfSymbolType> = { 0: 'notype', 1: 'object', 2: 'func', 3: 'section', 4: 'file' };
const SYMBOL_BINDS: Record<number, ElfSymbolBind> = { 0: 'local', 1: 'global', 2: 'weak' };
