import type { FileAssembler } from './assembler';
import { matchOf } from './assembler';
import * as E from './encoder';
import { Expr, ExprError, Value, evaluate } from './expressions';
import { AlignTail, BranchTail, Frag, Section } from './objectFile';

/**
 * Layout of one file's sections (GNU as's relax_segment): decides the size of every variable
 * tail (alignment padding, relaxable branches), assigns frag offsets, then writes the tails'
 * bytes. Branch sizes follow tc-riscv.c's relaxed_branch_length: a branch or jump to a label
 * in the same section gets its compressed form when the form written was compressed and the
 * target is in reach, the 4-byte form when in reach, and otherwise an inverted branch over a
 * `jal` (6 or 8 bytes). Targets elsewhere (other sections, other files) get the long form.
 */

const RVC_JUMP_REACH = 1 << 12;
const RVC_BRANCH_REACH = 1 << 9;
const BRANCH_REACH = 1 << 13;
const NOP = 0x00000013;
const C_NOP = 0x0001;
const MAX_PASSES = 200;

export function finishLayout(asm: FileAssembler): void {
  placeCommons(asm);
  for (const s of asm.sections) padToAlignment(s);
  for (const s of asm.sections) relax(asm, s);
  for (const s of asm.sections) materialize(s);
  for (const r of asm.lines) if (r.tail) r.size = r.frag.tailSize;
  for (const s of asm.sections) for (const f of s.frags) f.tailSize = 0;
  // Line records of tails were taken at the tail's start, which is where the bytes now are.
}

/**
 * .lcomm blocks go after all other .bss contents (GNU's bss subsection 1), each aligned to its
 * size's largest power of two up to 8. .comm blocks follow, by alignment: GNU ld allocates
 * commons in hash-table order, which this cannot reproduce for several commons.
 */
function placeCommons(asm: FileAssembler): void {
  if (asm.commons.length === 0) return;
  const bss = asm.getSection('.bss');
  const ordered = [...asm.commons.filter((c) => !c.global), ...asm.commons.filter((c) => c.global).sort((a, b) => a.alignment - b.alignment)];
  for (const c of ordered) {
    if (c.alignment > bss.alignment) bss.alignment = c.alignment;
    if (c.alignment > 1) bss.addTail({ kind: 'align', alignment: c.alignment, fill: [0], max: c.alignment });
    const sym = asm.symbol(c.name);
    if (sym.kind !== 'undefined') { asm.error(c.at, `symbol '${c.name}' is already defined`); continue; }
    sym.kind = 'label';
    sym.frag = bss.current;
    sym.offset = bss.current.bytes.length;
    sym.type = 'object';
    sym.size = { k: 'num', v: c.size, start: 0, end: 0 };
    sym.defined = c.at;
    if (c.global) sym.global = true;
    if (c.size > 0) bss.addTail({ kind: 'fill', bytes: new Uint8Array(c.size) });
  }
}

/** GNU pads the end of code sections to the section's alignment with nops (SUB_SEGMENT_ALIGN). */
function padToAlignment(s: Section): void {
  if (s.alignment <= 1 || !s.flags.exec) return;
  s.addTail({ kind: 'align', alignment: s.alignment, fill: s.nobits ? [0] : 'code', max: s.alignment });
}

/**
 * gas's relax_segment: a first pass estimates every tail with the frag addresses known so far
 * (frags not reached yet still have address 0, as gas's fresh frags do), then passes recompute
 * the tails, each frag moving by the growth before it, until nothing grows. Where two sizes
 * would both be consistent (a branch exactly at the edge of its reach), this picks the one
 * GNU picks.
 */
function relax(asm: FileAssembler, s: Section): void {
  for (const f of s.frags) { f.address = 0; f.tailSize = 0; }
  let address = 0;
  for (const f of s.frags) {
    f.address = address;
    address += f.bytes.length;
    f.tailSize = tailSize(asm, s, f, address);
    address += f.tailSize;
  }
  for (let pass = 0; pass < Math.max(s.frags.length, 4) && pass < MAX_PASSES; pass++) {
    let stretch = 0;
    let stretched = false;
    for (const f of s.frags) {
      f.address += stretch;
      const size = tailSize(asm, s, f, f.address + f.bytes.length);
      const growth = size - f.tailSize;
      if (growth !== 0) { f.tailSize = size; stretch += growth; stretched = true; }
    }
    if (!stretched) break;
  }
  assignAddresses(s);
}

function tailSize(asm: FileAssembler, s: Section, f: Frag, tailAddress: number): number {
  const t = f.tail;
  if (!t) return 0;
  if (t.kind === 'fill') return t.bytes.length;
  if (t.kind === 'align') return alignPadding(t, tailAddress);
  return branchLength(asm, s, f, t);
}

function assignAddresses(s: Section): void {
  let address = 0;
  for (const f of s.frags) { f.address = address; address += f.bytes.length + f.tailSize; }
}

function alignPadding(t: AlignTail, address: number): number {
  const pad = (t.alignment - (address % t.alignment)) % t.alignment;
  return pad > t.max ? 0 : pad;
}

/** The target's offset in this section, or undefined when it lies elsewhere (decided at link time). */
function targetOffset(asm: FileAssembler, s: Section, target: Expr): number | undefined {
  const name = leadingSymbol(target);
  if (name !== undefined && asm.symbols.get(name)?.weak) return undefined;
  let v: Value;
  try {
    v = evaluate(target, (n, at) => resolveLaidOut(asm, n, at));
  } catch (e) {
    if (e instanceof ExprError) return undefined;
    throw e;
  }
  return v.pos === `S${s.index}` && v.neg === undefined ? v.c : undefined;
}

function leadingSymbol(e: Expr): string | undefined {
  if (e.k === 'sym') return e.name;
  if (e.k === 'bin' && (e.op === '+' || e.op === '-')) return leadingSymbol(e.a);
  return undefined;
}

/** Symbol values with the current frag offsets: labels relative to their section. */
export function resolveLaidOut(asm: FileAssembler, name: string, at: Expr): Value {
  const s = asm.symbols.get(name);
  if (!s || s.kind === 'undefined') return { c: 0, pos: '?' + name };
  if (s.kind === 'label') {
    const f = s.frag as Frag;
    return { c: f.address + (s.offset as number), pos: `S${f.section.index}` };
  }
  if (s.resolving) throw new ExprError(`symbol '${name}' is defined in terms of itself`, at.start, at.end);
  s.resolving = true;
  try { return evaluate(s.expr as Expr, (n, a) => resolveLaidOut(asm, n, a)); } finally { s.resolving = false; }
}

function branchLength(asm: FileAssembler, s: Section, f: Frag, t: BranchTail): number {
  let length = t.jump ? 4 : 8;
  const target = targetOffset(asm, s, t.target);
  if (target !== undefined) {
    const val = target - (f.address + f.bytes.length);
    const rvcRange = t.jump ? RVC_JUMP_REACH : RVC_BRANCH_REACH;
    if (t.rvc && val + rvcRange / 2 >= 0 && val + rvcRange / 2 < rvcRange) length = 2;
    else if (val + BRANCH_REACH / 2 >= 0 && val + BRANCH_REACH / 2 < BRANCH_REACH) length = 4;
    else if (!t.jump && t.rvc) length = 6;
  }
  return length;
}

/** Writes tail bytes into the frags (sizes are final) and adds the branch fixups. */
function materialize(s: Section): void {
  for (const f of s.frags) {
    const t = f.tail;
    if (!t || f.tailSize === 0) continue;
    if (t.kind === 'align') writePadding(f, t, f.tailSize);
    else if (t.kind === 'fill') f.bytes.bytes(t.bytes);
    else writeBranch(f, t, f.tailSize);
  }
}

function writePadding(f: Frag, t: AlignTail, size: number): void {
  if (t.fill !== 'code') {
    for (let i = 0; i < size; i++) f.bytes.u8(t.fill[i % t.fill.length]);
    return;
  }
  // riscv_handle_align / riscv_make_nops: an odd zero byte, at most one c.nop, then nops.
  let i = 0;
  const excess = size % 4;
  if (excess % 2 === 1) { f.bytes.u8(0); i++; }
  if ((excess - i) % 4 === 2) { f.bytes.u16(C_NOP); i += 2; }
  for (; i < size; i += 4) f.bytes.u32(NOP);
}

function writeBranch(f: Frag, t: BranchTail, size: number): void {
  const base = f.bytes.length;
  const fix = (kind: 'branch' | 'jal' | 'rvc_branch' | 'rvc_jump', offset: number): void => {
    f.fixups.push({ frag: f, offset, kind, expr: t.target, loc: t.loc });
  };
  const jal = matchOf('jal');
  if (size === 2) {
    f.bytes.u16(t.bits);
    fix(t.jump ? 'rvc_jump' : 'rvc_branch', base);
    return;
  }
  if (size === 6) {
    // Compressed branch, target out of reach: inverted c.beqz/c.bnez over a jal.
    f.bytes.u16(t.bits ^ (matchOf('c.beqz') ^ matchOf('c.bnez')) | E.encodeCB(6));
    f.bytes.u32(jal);
    fix('jal', base + 2);
    return;
  }
  let insn = t.bits;
  if (t.rvc) insn = expandCompressed(t.bits, t.jump);
  if (size === 4) {
    f.bytes.u32(insn);
    fix(t.jump ? 'jal' : 'branch', base);
    return;
  }
  // 8 bytes: inverted branch over a jal.
  f.bytes.u32((insn ^ (matchOf('beq') ^ matchOf('bne'))) | E.encodeB(8));
  f.bytes.u32(jal);
  fix('jal', base + 4);
}

/** c.j/c.jal/c.beqz/c.bnez as their 32-bit equivalents (md_convert_frag_branch). */
function expandCompressed(bits: number, jump: boolean): number {
  if (jump) {
    const isJal = (bits & 0xe003) === (matchOf('c.jal') & 0xe003);
    return (matchOf('jal') | E.RD(isJal ? 1 : 0)) >>> 0;
  }
  const rs1 = 8 + ((bits >>> 7) & 7);
  const isBeqz = (bits & 0xe003) === (matchOf('c.beqz') & 0xe003);
  return (matchOf(isBeqz ? 'beq' : 'bne') | E.RS1(rs1)) >>> 0;
}
