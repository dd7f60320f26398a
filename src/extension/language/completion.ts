import { SymbolDefinition, inCommentOrString } from './asmIndex';
import {
  allCsrNames, allDirectiveNames, allMnemonicNames, allRegisterNames, csrInfo, directiveMarkdown, mnemonicInfo, registerMarkdown,
} from './isaDocs';

/**
 * What to offer at a cursor position: mnemonics and directives where a statement starts;
 * registers, CSRs and symbols in operands. No `vscode` import: unit tests load this directly.
 */

export type CandidateKind = 'instruction' | 'pseudo' | 'directive' | 'register' | 'csr' | 'label' | 'constant' | 'macro';

export interface Candidate {
  label: string;
  kind: CandidateKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Sort group: lower first. */
  rank: number;
}

/** The part of the current statement before the cursor, with leading labels removed. */
function statementPrefix(lineText: string, character: number): string {
  let s = lineText.slice(0, character);
  const semi = s.lastIndexOf(';');
  if (semi >= 0) s = s.slice(semi + 1);
  // Leading `label:` and `1:` definitions.
  return s.replace(/^\s*(?:(?:[A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+):\s*)*/, '');
}

export function completionCandidates(lineText: string, character: number, symbols: readonly SymbolDefinition[]): Candidate[] {
  if (inCommentOrString(lineText, character)) return [];
  if (/^\s*#/.test(lineText) && !/^\s*#\s*\w*$/.test(lineText.slice(0, character))) return [];
  const prefix = statementPrefix(lineText, character);
  const headMatch = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)?$/.exec(prefix);
  const out: Candidate[] = [];
  if (headMatch) {
    // At the head of a statement.
    const typed = headMatch[1] ?? '';
    if (!typed.startsWith('.') || typed === '') {
      for (const name of allMnemonicNames()) {
        const info = mnemonicInfo(name)!;
        out.push({ label: name, kind: info.kind === 'pseudo' ? 'pseudo' : 'instruction', detail: info.syntaxes[0] ?? name, documentation: info.markdown, rank: info.kind === 'compressed' ? 2 : 0 });
      }
      for (const s of symbols) if (s.kind === 'macro') out.push({ label: s.name, kind: 'macro', detail: 'macro', rank: 1 });
    }
    for (const d of allDirectiveNames()) out.push({ label: d, kind: 'directive', documentation: directiveMarkdown(d), rank: typed.startsWith('.') ? 0 : 3 });
    return out;
  }
  const head = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)/.exec(prefix)?.[1].toLowerCase() ?? '';
  if (head.startsWith('.') && !['.word', '.long', '.half', '.byte', '.globl', '.global', '.set', '.equ', '.size', '.type', '.4byte'].includes(head)) return [];
  const isCsrInsn = /^csr/.test(head);
  const operandIndex = (prefix.slice(prefix.indexOf(head) + head.length).match(/,/g) ?? []).length;
  // csrr rd, CSR / csrrw rd, CSR, rs1 / csrw CSR, rs1: where a CSR name goes.
  const csrSlot = isCsrInsn && ((/^csr(r|rw|rs|rc|rwi|rsi|rci)$/.test(head) && operandIndex === 1) || (/^csr(w|s|c|wi|si|ci)$/.test(head) && operandIndex === 0));
  if (!head.startsWith('.')) {
    for (const r of allRegisterNames()) out.push({ label: r, kind: 'register', documentation: registerMarkdown(r), rank: csrSlot ? 3 : 1 });
  }
  if (isCsrInsn) {
    for (const c of allCsrNames()) {
      const spec = csrInfo(c)!;
      out.push({ label: c, kind: 'csr', detail: `CSR 0x${spec.num.toString(16)}`, documentation: spec.doc, rank: csrSlot ? 0 : 2 });
    }
  }
  for (const s of symbols) {
    if (s.kind === 'macro') continue;
    out.push({ label: s.name, kind: s.kind === 'constant' ? 'constant' : 'label', detail: s.kind === 'constant' ? 'symbol' : 'label', rank: 0 });
  }
  for (const m of ['%hi', '%lo', '%pcrel_hi', '%pcrel_lo']) if (/%\w*$/.test(prefix)) out.push({ label: m, kind: 'directive', detail: 'relocation', rank: 0 });
  return out;
}
