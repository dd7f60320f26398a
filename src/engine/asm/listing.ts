import { DisassemblerState, disassemble, instructionLength } from '../isa/disassembler';
import { ElfImage, ElfSymbol, parseElf } from '../loader/elf';

/**
 * An `objdump -d` listing of an ELF executable, line for line what GNU objdump 2.40 prints:
 * section and symbol headers, `address: bytes  instruction`, `<symbol+offset>` annotations,
 * `# address` comments after lui/auipc pairs, data between $d/$x mapping symbols as
 * .byte/.short/.word, and `...` for runs of zeros. `aliases: false` is `-M no-aliases`.
 */

export interface ListingOptions {
  aliases?: boolean;
  /** The name objdump prints in its header line. */
  fileName?: string;
  /** A comment to append (after ` # `) to the instruction at an address (previrtualized sites). */
  annotate?: (address: number) => string | undefined;
}

const SHF_EXECINSTR = 4;
const SHN_ABS = 0xfff1;
const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;

interface Sym { name: string; value: number; section: string; func: boolean; object: boolean; local: boolean; global: boolean }

const isMapping = (name: string): boolean => name === '$d' || name === '$x' || name.startsWith('$xrv');

/** objdump's sorted_syms: useful symbols, by value then by its tie-breaking rules. */
function sortedSymbols(img: ElfImage): Sym[] {
  const secName = (shndx: number): string => (shndx === SHN_ABS ? '*ABS*' : img.sections[shndx]?.name ?? '');
  const syms: Sym[] = img.symbols
    .filter((s: ElfSymbol) => s.name !== '' && s.type !== 'section' && s.type !== 'file' && s.shndx !== 0 && s.shndx !== 0xfff2)
    .map((s) => ({ name: s.name, value: s.value >>> 0, section: secName(s.shndx), func: s.type === 'func', object: s.type === 'object', local: s.bind === 'local', global: s.bind === 'global' }));
  const fileLike = (s: Sym): boolean => /\.[oa]$/.test(s.name) && s.name.length > 2;
  syms.sort((a, b) => {
    if (a.value !== b.value) return a.value < b.value ? -1 : 1;
    const ac = /gnu_compiled|gcc2_compiled/.test(a.name), bc = /gnu_compiled|gcc2_compiled/.test(b.name);
    if (ac !== bc) return ac ? 1 : -1;
    if (fileLike(a) !== fileLike(b)) return fileLike(a) ? 1 : -1;
    if (a.func !== b.func) return a.func ? -1 : 1;
    if (a.object !== b.object) return a.object ? -1 : 1;
    if (a.local !== b.local) return a.local ? 1 : -1;
    if (a.global !== b.global) return a.global ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return syms;
}

/** objdump's find_symbol_for_address. */
function findSymbol(syms: Sym[], vma: number, section: string, requireSection: boolean): { sym: Sym; place: number } | undefined {
  if (syms.length === 0) return undefined;
  let min = 0, max = syms.length;
  while (min + 1 < max) {
    const mid = (min + max) >> 1;
    if (syms[mid].value > vma) max = mid;
    else if (syms[mid].value < vma) min = mid;
    else { min = mid; break; }
  }
  let place = min;
  while (place > 0 && syms[place].value === syms[place - 1].value) place--;
  const valid = (i: number, want: boolean): boolean => !isMapping(syms[i].name) && (!want || syms[i].section === section);
  for (let i = place; i < max && syms[i].value === syms[place].value; i++) {
    if (valid(i, true)) return { sym: syms[i], place: i };
  }
  if (!valid(place, requireSection)) {
    let found = -1;
    for (let i = min - 1; i >= 0; i--) {
      if (!valid(i, requireSection)) continue;
      if (found >= 0 && syms[i].value !== syms[found].value) break;
      found = i;
    }
    if (found >= 0) place = found;
    else {
      for (let i = place + 1; i < syms.length; i++) if (valid(i, requireSection)) { place = i; break; }
    }
    if (!valid(place, requireSection)) return undefined;
  }
  return { sym: syms[place], place };
}

/** Whether the ELF's .riscv.attributes arch string includes C (objdump's default arch is rv64gc). */
function elfArchHasC(bytes: Uint8Array, img: ElfImage): boolean {
  const sec = img.sections.find((s) => s.name === '.riscv.attributes');
  if (!sec) return true;
  const text = Buffer.from(bytes.subarray(sec.offset, sec.offset + sec.size)).toString('latin1');
  const m = /rv(32|64)[0-9a-z_]*/.exec(text);
  return m ? archHasC(m[0]) : true;
}

/** `rv32imac` or GNU's `rv32i2p1_m2p0_a2p1_c2p0_...`: does it include C? */
function archHasC(arch: string): boolean {
  const parts = arch.replace(/^rv(32|64)/, '').split('_').map((p) => p.replace(/[0-9]+p[0-9]+/g, '').replace(/[0-9]+$/, ''));
  return parts[0].includes('c') || parts.slice(1).includes('c');
}

const hexNoZeros = (v: number): string => (v >>> 0).toString(16);

function addressWithSymbol(syms: Sym[], vma: number, section: string, sectionAddr: number, fullWidth: boolean): string {
  const found = findSymbol(syms, vma, section, false);
  const head = fullWidth ? (vma >>> 0).toString(16).padStart(8, '0') : hexNoZeros(vma);
  if (!found) {
    const rel = vma < sectionAddr ? `-0x${hexNoZeros(sectionAddr - vma)}` : vma > sectionAddr ? `+0x${hexNoZeros(vma - sectionAddr)}` : '';
    return `${head} <${section}${rel}>`;
  }
  const s = found.sym;
  const rel = s.value === vma ? '' : s.value > vma ? `-0x${hexNoZeros(s.value - vma)}` : `+0x${hexNoZeros(vma - s.value)}`;
  return `${head} <${s.name}${rel}>`;
}

/** The objdump -d text for an ELF file. */
export function disassembleElf(bytes: Uint8Array, options: ListingOptions = {}): string {
  const img = parseElf(bytes, options.fileName ?? 'a.out');
  const syms = sortedSymbols(img);
  const state = new DisassemblerState();
  const defaultRvc = elfArchHasC(bytes, img);
  let out = `\n${options.fileName ?? 'a.out'}:     file format elf32-littleriscv\n\n`;
  for (const sec of img.sections) {
    if ((sec.flags & SHF_EXECINSTR) === 0 || sec.size === 0 || sec.type === 8) continue;
    const data = bytes.subarray(sec.offset, sec.offset + sec.size);
    out += `\nDisassembly of section ${sec.name}:\n`;
    out += listSection(data, sec.addr >>> 0, sec.name, syms, state, options.aliases ?? true, defaultRvc, options.annotate);
  }
  return out;
}

function listSection(
  data: Uint8Array, base: number, section: string, syms: Sym[], state: DisassemblerState, aliases: boolean, defaultRvc: boolean,
  annotate: ListingOptions['annotate'],
): string {
  let out = '';
  const end = base + data.length;
  const mapping = syms.filter((s) => s.section === section && isMapping(s.name));
  const print = (a: number): string => (syms.length ? addressWithSymbol(syms, a, section, base, false) : '0x' + hexNoZeros(a));
  // Address column: leading zero groups dropped, as objdump does for small sections.
  const endHex = (end >>> 0).toString(16).padStart(8, '0');
  let skip = 0;
  while (endHex.slice(skip, skip + 4) === '0000' && skip + 4 < endHex.length) skip += 4;
  const addrText = (a: number): string => {
    const s = (a >>> 0).toString(16).padStart(8, '0').slice(skip);
    const t = s.replace(/^0+/, (z) => ' '.repeat(z.length));
    return t.trim() === '' ? t.slice(0, -1) + '0' : t;
  };
  const mapState = (a: number): 'x' | 'd' => {
    let st: 'x' | 'd' = 'x';
    for (const m of mapping) { if (m.value <= a) st = m.name === '$d' ? 'd' : 'x'; else break; }
    return st;
  };
  // `$xrv32imac...` mapping symbols name the ISA from there on (.option norvc changes it).
  const rvcAt = (a: number): boolean => {
    let arch: string | undefined;
    for (const m of mapping) { if (m.value <= a) { if (m.name.startsWith('$xrv')) arch = m.name.slice(2); } else break; }
    return arch === undefined ? defaultRvc : archHasC(arch);
  };
  const nextMapping = (a: number): number | undefined => mapping.find((m) => m.value > a)?.value;

  let addr = base;
  let found = findSymbol(syms, addr, section, true);
  let sym = found?.sym;
  let place = found?.place ?? 0;
  while (addr < end) {
    out += '\n' + (sym ? addressWithSymbolAt(sym, addr) : sectionRelative(addr, section, base)) + ':\n';
    let nextSym: Sym | undefined;
    if (sym && sym.value > addr) nextSym = sym;
    else if (!sym) nextSym = undefined;
    else {
      while (place < syms.length && !(syms[place].section === section && syms[place].value > sym.value && !isMapping(syms[place].name))) place++;
      nextSym = place < syms.length ? syms[place] : undefined;
    }
    let stop = sym && sym.value > addr ? sym.value : nextSym ? nextSym.value : end;
    if (stop > end || stop <= addr) stop = end;
    out += listBytes(data, base, addr, stop, end, mapState, nextMapping, print, addrText, state, aliases, rvcAt, annotate);
    addr = stop;
    sym = nextSym;
  }
  return out;
}

function sectionRelative(vma: number, section: string, base: number): string {
  const head = (vma >>> 0).toString(16).padStart(8, '0');
  const rel = vma < base ? `-0x${hexNoZeros(base - vma)}` : vma > base ? `+0x${hexNoZeros(vma - base)}` : '';
  return `${head} <${section}${rel}>`;
}

function addressWithSymbolAt(sym: Sym, vma: number): string {
  const head = (vma >>> 0).toString(16).padStart(8, '0');
  const rel = sym.value === vma ? '' : sym.value > vma ? `-0x${hexNoZeros(sym.value - vma)}` : `+0x${hexNoZeros(vma - sym.value)}`;
  return `${head} <${sym.name}${rel}>`;
}

function bytesColumn(data: Uint8Array, off: number, length: number, chunk: number, perLine: number): string {
  let s = '';
  for (let j = 0; j < length; j += chunk) {
    for (let k = chunk - 1; k >= 0; k--) s += data[off + j + k].toString(16).padStart(2, '0');
    s += ' ';
  }
  for (let pb = length; pb < perLine; pb += chunk) s += '  '.repeat(chunk) + ' ';
  return s;
}

function listBytes(
  data: Uint8Array, base: number, from: number, stop: number, end: number,
  mapState: (a: number) => 'x' | 'd', nextMapping: (a: number) => number | undefined,
  print: (a: number) => string, addrText: (a: number) => string, state: DisassemblerState, aliases: boolean,
  rvcAt: (a: number) => boolean, annotate: ListingOptions['annotate'],
): string {
  const outOfBounds = (a: number): string => `${addrText(a)}:\t${' '.repeat(11)}\tAddress 0x${(a >>> 0).toString(16).padStart(8, '0')} is out of bounds.\n\n`;
  let out = '';
  let a = from;
  while (a < stop) {
    const off = a - base;
    let z = off;
    while (z < stop - base && data[z] === 0) z++;
    const zeros = z - off;
    if (zeros >= SKIP_ZEROES || (z === stop - base && zeros < SKIP_ZEROES_AT_END && zeros > 0)) {
      const skip = z !== stop - base ? zeros & ~3 : zeros;
      out += '\t...\n';
      a += skip;
      continue;
    }
    if (mapState(a) === 'd') {
      let length = 4;
      const next = nextMapping(a);
      if (next !== undefined && next - a < length) length = next - a;
      else if (next === undefined && end - a < length) length = end - a;
      if (length === 3) length = 2;
      if (a + length > stop) { out += outOfBounds(a); break; }
      let value = 0;
      for (let k = length - 1; k >= 0; k--) value = value * 256 + data[off + k];
      const directive = length === 1 ? `.byte\t0x${value.toString(16).padStart(2, '0')}` : length === 2 ? `.short\t0x${value.toString(16).padStart(4, '0')}` : `.word\t0x${value.toString(16).padStart(8, '0')}`;
      out += `${addrText(a)}:\t${bytesColumn(data, off, length, length, length === 1 ? 6 : 8)}\t${directive}\n`;
      a += length;
      continue;
    }
    const first = data[off] | ((data[off + 1] ?? 0) << 8);
    const length = off + 1 < data.length ? instructionLength(first) : 2;
    if (a + length > stop) { out += outOfBounds(a); break; }
    const bits = length === 2 ? first : (first | (data[off + 2] << 16) | (data[off + 3] << 24)) >>> 0;
    const text = disassemble(bits, a, { aliases, printAddress: print, state, rvc: rvcAt(a) });
    const note = annotate?.(a);
    out += `${addrText(a)}:\t${bytesColumn(data, off, length, length, 8)}\t${text}${note ? ` # ${note}` : ''}\n`;
    a += length;
  }
  return out;
}
