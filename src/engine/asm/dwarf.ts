import { LineRow } from './lineTable';

/**
 * A minimal DWARF 3 description of the program, so GNU tools (objdump -l, addr2line, gdb
 * with QEMU's gdbstub) map addresses to source lines too: one compile unit (.debug_info,
 * .debug_abbrev) whose line program (.debug_line) holds the line table. Hyperstep's own
 * debugger reads `.hyperstep.lines` instead, which also keeps columns exactly.
 */

const DW_TAG_compile_unit = 0x11;
const DW_AT_name = 0x03, DW_AT_stmt_list = 0x10, DW_AT_low_pc = 0x11, DW_AT_high_pc = 0x12, DW_AT_language = 0x13, DW_AT_producer = 0x25;
const DW_FORM_addr = 0x01, DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06, DW_FORM_string = 0x08;
const DW_LANG_Mips_Assembler = 0x8001;
const DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNS_set_file = 4, DW_LNS_set_column = 5;
const DW_LNE_end_sequence = 1, DW_LNE_set_address = 2;

class Bytes {
  readonly out: number[] = [];
  u8(v: number): void { this.out.push(v & 0xff); }
  u16(v: number): void { this.u8(v); this.u8(v >>> 8); }
  u32(v: number): void { this.u16(v & 0xffff); this.u16(v >>> 16); }
  uleb(v: number): void {
    let x = Math.max(0, Math.trunc(v));
    do { let b = x % 128; x = Math.floor(x / 128); if (x) b |= 0x80; this.u8(b); } while (x);
  }
  sleb(v: number): void {
    let x = Math.trunc(v);
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      const done = (x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0);
      this.u8(done ? b : b | 0x80);
      if (done) return;
    }
  }
  str(s: string): void { for (const b of Buffer.from(s, 'utf8')) this.u8(b); this.u8(0); }
  patch32(at: number, v: number): void { for (let i = 0; i < 4; i++) this.out[at + i] = (v >>> (8 * i)) & 0xff; }
}

export interface DwarfSections { debugLine: Uint8Array; debugInfo: Uint8Array; debugAbbrev: Uint8Array }

/** The three sections, or undefined when there is no code to describe. */
export function buildDwarf(rows: readonly LineRow[]): DwarfSections | undefined {
  if (rows.length === 0) return undefined;
  const files = [...new Set(rows.map((r) => r.file))];
  const fileIndex = new Map(files.map((f, i) => [f, i + 1]));

  // .debug_line
  const l = new Bytes();
  l.u32(0);                       // unit_length, patched below
  l.u16(3);                       // version
  const headerLengthAt = l.out.length;
  l.u32(0);                       // header_length, patched below
  const headerStart = l.out.length;
  l.u8(1);                        // minimum_instruction_length (RVC: 2-byte steps, counted in bytes)
  l.u8(1);                        // default_is_stmt
  l.u8(-5);                       // line_base
  l.u8(14);                       // line_range
  l.u8(13);                       // opcode_base
  for (const n of [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]) l.u8(n);
  l.u8(0);                        // no include directories
  for (const f of files) { l.str(f); l.uleb(0); l.uleb(0); l.uleb(0); }
  l.u8(0);
  l.patch32(headerLengthAt, l.out.length - headerStart);

  const sorted = [...rows].sort((a, b) => a.address - b.address);
  let i = 0;
  while (i < sorted.length) {
    // One sequence per run of contiguous rows.
    let address = sorted[i].address;
    let file = 1, line = 1, column = 0;
    l.u8(0); l.uleb(5); l.u8(DW_LNE_set_address); l.u32(address);
    let end = address;
    for (; i < sorted.length && sorted[i].address <= end; i++) {
      const r = sorted[i];
      const f = fileIndex.get(r.file) as number;
      if (f !== file) { l.u8(DW_LNS_set_file); l.uleb(f); file = f; }
      if (r.line !== line) { l.u8(DW_LNS_advance_line); l.sleb(r.line - line); line = r.line; }
      if (r.column !== column) { l.u8(DW_LNS_set_column); l.uleb(r.column); column = r.column; }
      if (r.address !== address) { l.u8(DW_LNS_advance_pc); l.uleb(r.address - address); address = r.address; }
      l.u8(DW_LNS_copy);
      end = Math.max(end, r.address + r.size);
    }
    if (end !== address) { l.u8(DW_LNS_advance_pc); l.uleb(end - address); }
    l.u8(0); l.uleb(1); l.u8(DW_LNE_end_sequence);
  }
  l.patch32(0, l.out.length - 4);

  // .debug_abbrev: one abbreviation, the compile unit.
  const a = new Bytes();
  a.uleb(1); a.uleb(DW_TAG_compile_unit); a.u8(0);
  for (const [at, form] of [[DW_AT_stmt_list, DW_FORM_data4], [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_addr],
    [DW_AT_name, DW_FORM_string], [DW_AT_producer, DW_FORM_string], [DW_AT_language, DW_FORM_data2]]) { a.uleb(at); a.uleb(form); }
  a.u8(0); a.u8(0); a.u8(0);

  // .debug_info: the compile unit covering all code.
  const low = sorted[0].address;
  const high = sorted.reduce((m, r) => Math.max(m, r.address + r.size), 0);
  const d = new Bytes();
  d.u32(0); d.u16(3); d.u32(0); d.u8(4);  // unit_length (patched), version, abbrev offset, address size
  d.uleb(1);
  d.u32(0); d.u32(low); d.u32(high); d.str(files[0]); d.str('Hyperstep assembler'); d.u16(DW_LANG_Mips_Assembler);
  d.patch32(0, d.out.length - 4);

  return { debugLine: Uint8Array.from(l.out), debugInfo: Uint8Array.from(d.out), debugAbbrev: Uint8Array.from(a.out) };
}
