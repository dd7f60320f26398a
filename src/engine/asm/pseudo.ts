import type { FileAssembler } from './assembler';
import { matchOf } from './assembler';
import { SourceRange } from './diagnostics';
import * as E from './encoder';
import { Expr } from './expressions';
import { Matched } from './operands';
import { Alternative } from './syntax';

/**
 * Expansions of GNU's macro instructions (tc-riscv.c `macro`): li, la/lla, load/store to a
 * symbol, call/tail. `li` goes back through instruction matching (so its lui/addi compress
 * exactly as GNU's do); the pc-relative pairs use the full-size rows, as GNU's macro_build does.
 */

type MacroOperands = NonNullable<Matched['macro']>;

/** GNU normalises 32-bit constants written unsigned (0xffffffff) to their signed value. */
function normalize32(v: number): number {
  return v >= 0x80000000 && v <= 0xffffffff ? v - 0x100000000 : v;
}

/** load_const: `lui` for the upper part when it is not zero, `addi` for the rest (GNU's order). */
export function loadConstant(asm: FileAssembler, rd: number, value: number, at: SourceRange): void {
  const lower = ((((value % 4096) + 4096) % 4096) ^ 0x800) - 0x800;
  const upper = value - lower;
  let hiReg = 0;
  if (upper !== 0) {
    const upperImm = Number(BigInt.asUintN(32, BigInt(upper)) >> 12n);
    asm.instructionText('lui', `x${rd}, 0x${upperImm.toString(16)}`, at);
    hiReg = rd;
  }
  if (lower !== 0 || hiReg === 0) asm.instructionText('addi', `x${rd}, x${hiReg}, ${lower}`, at);
}

function symExpr(name: string, like: Expr): Expr {
  return { k: 'sym', name, start: like.start, end: like.end };
}

/** auipc + a low-part instruction addressing `expr` pc-relatively. */
function pcrelPair(asm: FileAssembler, temp: number, lowBits: number, store: boolean, expr: Expr, at: SourceRange): void {
  const label = asm.internalLabel('pcrel');
  asm.addFixup('pcrel_hi20', expr, asm.frag.bytes.length, asm.rangeOf(expr));
  asm.emitInstruction((matchOf('auipc') | E.RD(temp)) >>> 0, 4, at);
  asm.section.newFrag();
  asm.addFixup(store ? 'pcrel_lo12_s' : 'pcrel_lo12_i', symExpr(label, expr), asm.frag.bytes.length, at);
  asm.emitInstruction(lowBits >>> 0, 4, at);
}

export function expandPseudo(asm: FileAssembler, m: MacroOperands, alt: Alternative, at: SourceRange): void {
  switch (m.kind) {
    case 'li': {
      const v = normalize32(asm.constNow(m.expr) as number);
      // GNU silently keeps the low 32 bits; say so.
      if (v < -0x80000000 || v > 0x7fffffff) asm.warning(asm.rangeOf(m.expr), `value ${v} does not fit in 32 bits; li loads ${(v >>> 0) | 0}`);
      loadConstant(asm, m.rd, v, at);
      return;
    }
    case 'la': case 'lla': {
      const v = asm.constNow(m.expr);
      if (v !== undefined) {
        if (normalize32(v) < -0x80000000 || normalize32(v) > 0x7fffffff) asm.error(at, `address ${v} does not fit in 32 bits`);
        loadConstant(asm, m.rd, normalize32(v), at);
        return;
      }
      pcrelPair(asm, m.rd, matchOf('addi') | E.RD(m.rd) | E.RS1(m.rd), false, m.expr, at);
      return;
    }
    case 'load':
      pcrelPair(asm, m.rd, matchOf(alt.mnemonic) | E.RD(m.rd) | E.RS1(m.rd), false, m.expr, at);
      return;
    case 'store':
      pcrelPair(asm, m.rs1, matchOf(alt.mnemonic) | E.RS2(m.rs2) | E.RS1(m.rs1), true, m.expr, at);
      return;
    case 'call': {
      // auipc temp, then jalr rd, 0(temp); one CALL fixup patches both.
      asm.addFixup('call', m.expr, asm.frag.bytes.length, asm.rangeOf(m.expr));
      asm.emitInstruction((matchOf('auipc') | E.RD(m.temp)) >>> 0, 4, at);
      asm.emitInstruction((matchOf('jalr') | E.RD(m.rd) | E.RS1(m.temp)) >>> 0, 4, at);
      asm.section.newFrag();
      return;
    }
  }
}
