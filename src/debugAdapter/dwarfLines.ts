import * as fs from 'fs';
import * as path from 'path';
import type { LineRow } from '../engine/asm';
import type { ElfImage } from '../engine/loader/elf';

/**
 * Reads the DWARF line table (.debug_line, versions 2 to 5) of an ELF built by other tools
 * (GCC, GNU as -g), so C and assembly built outside Hyperstep get source lines too. Hyperstep's
 * own ELFs carry `.hyperstep.lines`, which the loader prefers. Malformed data ends the unit it
 * is in; whatever was read before stays usable.
 */

const DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNS_set_file = 4, DW_LNS_set_column = 5,
  DW_LNS_negate_stmt = 6, DW_LNS_const_add_pc = 8, DW_LNS_fixed_advance_pc = 9;
const DW_LNE_end_sequence = 1, DW_LNE_set_address = 2, DW_LNE_define_file = 3;
const DW_LNCT_path = 1, DW_LNCT_directory_index = 2;
const DW_FORM_block = 0x09, DW_FORM_block1 = 0x0a, DW_FORM_data1 = 0x0b, DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07,
  DW_FORM_data16 = 0x1e, DW_FORM_string = 0x08, DW_FORM_strp = 0x0e, DW_FORM_line_strp = 0x1f, DW_FORM_udata = 0x0f, DW_FORM_sdata = 0x0d;

class Reader {
  constructor(readonly b: Uint8Array, public p: number, readonly end: number) {}
  private need(n: number): void { if (this.p + n > this.end) throw new Error('truncated'); }
  u8(): number { this.need(1); return this.b[this.p++]; }
  u16(): number { this.need(2); const v = this.b[this.p] | (this.b[this.p + 1] << 8); this.p += 2; return v; }
  u32(): number { this.need(4); const v = (this.b[this.p] | (this.b[this.p + 1] << 8) | (this.b[this.p + 2] << 16) | (this.b[this.p + 3] << 24)) >>> 0; this.p += 4; return v; }
  u64(): number { const lo = this.u32(), hi = this.u32(); return hi * 2 ** 32 + lo; }
  uleb(): number {
    let v = 0, mul = 1;
    for (;;) { const c = this.u8(); v += (c & 0x7f) * mul; mul *= 128; if (!(c & 0x80)) return v; }
  }
  sleb(): number {
    let v = 0, mul = 1, c: number;
    do { c = this.u8(); v += (c & 0x7f) * mul; mul *= 128; } while (c & 0x80);
    return c & 0x40 ? v - mul : v;
  }
  cstr(): string {
    const start = this.p;
    while (this.p < this.end && this.b[this.p] !== 0) this.p++;
    if (this.p >= this.end) throw new Error('unterminated string');
    return Buffer.from(this.b.subarray(start, this.p++)).toString('utf8');
  }
  skip(n: number): void { this.need(n); this.p += n; }
}

function section(bytes: Uint8Array, image: ElfImage, name: string): Uint8Array | undefined {
  const s = image.sections.find((x) => x.name === name);
  if (!s || s.type === 8 || s.offset + s.size > bytes.length) return undefined;
  return bytes.subarray(s.offset, s.offset + s.size);
}

function strAt(sec: Uint8Array | undefined, off: number): string {
  if (!sec || off >= sec.length) throw new Error('string offset out of range');
  let e = off;
  while (e < sec.length && sec[e] !== 0) e++;
  return Buffer.from(sec.subarray(off, e)).toString('utf8');
}

interface Row { address: number; file: number; line: number; column: number; end: boolean }

/**
 * The line rows of every unit of `.debug_line`, with file names made absolute (relative ones
 * resolve against the first of `baseDirs` (the ELF's directory, cwd) where the file exists, when
 * the table gives no absolute directory).
 */
export function readDwarfLines(bytes: Uint8Array, image: ElfImage, baseDirs: string[]): LineRow[] {
  const lineSec = section(bytes, image, '.debug_line');
  if (!lineSec) return [];
  const lineStr = section(bytes, image, '.debug_line_str'), str = section(bytes, image, '.debug_str');
  const out: LineRow[] = [];
  let unit = 0;
  while (unit + 4 <= lineSec.length) {
    const r = new Reader(lineSec, unit, lineSec.length);
    let length = r.u32(), offset64 = false;
    if (length === 0xffffffff) { length = r.u64(); offset64 = true; }
    const end = r.p + length;
    if (length === 0 || end > lineSec.length) break;
    try {
      readUnit(new Reader(lineSec, r.p, end), offset64, { lineStr, str }, baseDirs, out);
    } catch {
      // A damaged unit: keep the rows of the others.
    }
    unit = end;
  }
  return out;
}

function readUnit(r: Reader, offset64: boolean, strs: { lineStr?: Uint8Array; str?: Uint8Array }, baseDirs: string[], out: LineRow[]): void {
  const version = r.u16();
  if (version < 2 || version > 5) throw new Error(`DWARF line table version ${version}`);
  let addressSize = 4;
  if (version >= 5) { addressSize = r.u8(); r.u8(); }
  const headerLength = offset64 ? r.u64() : r.u32();
  const programStart = r.p + headerLength;
  const minInst = r.u8();
  if (version >= 4) r.u8(); // maximum_operations_per_instruction (VLIW only)
  const defaultIsStmt = r.u8() !== 0;
  const lineBase = (r.u8() << 24) >> 24;
  const lineRange = r.u8();
  const opcodeBase = r.u8();
  if (lineRange === 0) throw new Error('line_range 0');
  const opLengths = [0];
  for (let i = 1; i < opcodeBase; i++) opLengths.push(r.u8());

  const dirs: string[] = [];
  const files: string[] = [];
  if (version >= 5) {
    const form = (f: number): string | number => {
      switch (f) {
        case DW_FORM_string: return r.cstr();
        case DW_FORM_line_strp: return strAt(strs.lineStr, offset64 ? r.u64() : r.u32());
        case DW_FORM_strp: return strAt(strs.str, offset64 ? r.u64() : r.u32());
        case DW_FORM_udata: return r.uleb();
        case DW_FORM_sdata: return r.sleb();
        case DW_FORM_data1: return r.u8();
        case DW_FORM_data2: return r.u16();
        case DW_FORM_data4: return r.u32();
        case DW_FORM_data8: return r.u64();
        case DW_FORM_data16: r.skip(16); return 0;
        case DW_FORM_block: r.skip(r.uleb()); return 0;
        case DW_FORM_block1: r.skip(r.u8()); return 0;
        default: throw new Error(`unsupported form 0x${f.toString(16)} in a line table header`);
      }
    };
    const entries = (): { path: string; dir: number }[] => {
      const n = r.u8();
      const formats: [number, number][] = [];
      for (let i = 0; i < n; i++) formats.push([r.uleb(), r.uleb()]);
      const count = r.uleb();
      const list: { path: string; dir: number }[] = [];
      for (let i = 0; i < count; i++) {
        const e = { path: '', dir: 0 };
        for (const [ct, f] of formats) {
          const v = form(f);
          if (ct === DW_LNCT_path) e.path = String(v);
          else if (ct === DW_LNCT_directory_index) e.dir = Number(v);
        }
        list.push(e);
      }
      return list;
    };
    for (const d of entries()) dirs.push(d.path);
    for (const f of entries()) files.push(join(dirs[f.dir] ?? '', f.path, dirs[0] ?? '', baseDirs));
  } else {
    dirs.push('');
    for (let d = r.cstr(); d !== ''; d = r.cstr()) dirs.push(d);
    files.push('');
    for (let name = r.cstr(); name !== ''; name = r.cstr()) {
      const dir = r.uleb(); r.uleb(); r.uleb();
      files.push(join(dirs[dir] ?? '', name, '', baseDirs));
    }
  }

  r.p = programStart;
  const rows: Row[] = [];
  const reset = (): { address: number; file: number; line: number; column: number; isStmt: boolean } =>
    ({ address: 0, file: 1, line: 1, column: 0, isStmt: defaultIsStmt });
  let s = reset();
  const emit = (end: boolean): void => { rows.push({ address: s.address >>> 0, file: s.file, line: s.line, column: s.column, end }); };
  while (r.p < r.end) {
    const op = r.u8();
    if (op >= opcodeBase) {
      const adj = op - opcodeBase;
      s.address += Math.floor(adj / lineRange) * minInst;
      s.line += lineBase + (adj % lineRange);
      emit(false);
      continue;
    }
    switch (op) {
      case 0: {
        const len = r.uleb();
        const next = r.p + len;
        const sub = len > 0 ? r.u8() : -1;
        if (sub === DW_LNE_end_sequence) { emit(true); s = reset(); }
        else if (sub === DW_LNE_set_address) s.address = addressSize === 8 ? r.u64() : r.u32();
        else if (sub === DW_LNE_define_file && version < 5) { const name = r.cstr(); const dir = r.uleb(); files.push(join(dirs[dir] ?? '', name, '', baseDirs)); }
        r.p = next;
        break;
      }
      case DW_LNS_copy: emit(false); break;
      case DW_LNS_advance_pc: s.address += r.uleb() * minInst; break;
      case DW_LNS_advance_line: s.line += r.sleb(); break;
      case DW_LNS_set_file: s.file = r.uleb(); break;
      case DW_LNS_set_column: s.column = r.uleb(); break;
      case DW_LNS_negate_stmt: s.isStmt = !s.isStmt; break;
      case DW_LNS_const_add_pc: s.address += Math.floor((255 - opcodeBase) / lineRange) * minInst; break;
      case DW_LNS_fixed_advance_pc: s.address += r.u16(); break;
      default: for (let i = 0; i < (opLengths[op] ?? 0); i++) r.uleb();
    }
  }

  // Rows become address ranges up to the next row of their sequence; contiguous ranges of one
  // line merge, so a line is one range unless the compiler split it.
  let open: LineRow | undefined;
  for (let i = 0; i < rows.length - 1; i++) {
    const a = rows[i], b = rows[i + 1];
    if (a.end) { open = undefined; continue; }
    const size = b.address - a.address;
    const file = files[a.file];
    if (size <= 0 || a.line <= 0 || !file) continue;
    if (open && open.file === file && open.line === a.line && open.address + open.size === a.address) { open.size += size; continue; }
    open = { address: a.address, size, file, line: a.line, column: Math.max(1, a.column) };
    out.push(open);
  }
}

function join(dir: string, name: string, compDir: string, baseDirs: string[]): string {
  if (path.isAbsolute(name)) return path.normalize(name);
  if (path.isAbsolute(dir)) return path.resolve(dir, name);
  if (path.isAbsolute(compDir)) return path.resolve(compDir, dir, name);
  const candidates = baseDirs.map((b) => path.resolve(b, dir, name));
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}
