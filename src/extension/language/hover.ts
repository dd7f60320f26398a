import { AsmIndex, inCommentOrString, statementAt, wordAt } from './asmIndex';
import { csrInfo, csrMarkdown, directiveMarkdown, mnemonicInfo, registerMarkdown } from './isaDocs';

/**
 * Hover text for a position: instruction and pseudo-instruction docs on a statement's head,
 * register and CSR docs in operands, relocation modifiers, and label definitions (with the
 * address from the last successful assembly when the caller knows it).
 * No `vscode` import: unit tests load this directly.
 */

export interface HoverResult { markdown: string; start: number; end: number }

const RELOCATIONS: Record<string, string> = {
  '%hi': 'Upper 20 bits of an absolute address, rounded so that adding `%lo` (sign-extended) gives the address. Used with `lui`.',
  '%lo': 'Lower 12 bits of an absolute address (sign-extended), for `addi`/loads/stores after `lui %hi(sym)`.',
  '%pcrel_hi': 'Upper 20 bits of `sym - pc`, for `auipc`.',
  '%pcrel_lo': 'Lower 12 bits of the pc-relative offset; its argument is the *label of the auipc*, not the symbol.',
};

export interface LabelLookup {
  /** Where the label is defined, as text for a reader (`gcd.s:12`). */
  where?: string;
  /** Its address after linking. */
  address?: number;
  kind?: string;
}

export function hoverAt(
  lineText: string, line: number, character: number, index: AsmIndex, lookupLabel: (name: string) => LabelLookup | undefined,
): HoverResult | undefined {
  if (inCommentOrString(lineText, character)) return undefined;
  const w = wordAt(lineText, character);
  if (!w) return undefined;
  const result = (markdown: string | undefined): HoverResult | undefined => (markdown ? { markdown, start: w.start, end: w.end } : undefined);
  const stmt = statementAt(index, line, character);
  const isHead = stmt !== undefined && stmt.headRange.start === w.start;
  if (isHead) {
    if (w.text.startsWith('.')) return result(directiveMarkdown(w.text));
    const info = mnemonicInfo(w.text);
    if (info) return result(info.markdown);
  }
  if (RELOCATIONS[w.text]) return result(`**${w.text}**(symbol)\n\n${RELOCATIONS[w.text]}`);
  const reg = registerMarkdown(w.text);
  if (reg) return result(reg);
  const label = lookupLabel(w.text);
  if (label) {
    const parts = [`**${w.text}** — ${label.kind ?? 'label'}`];
    if (label.address !== undefined) parts.push(`address \`0x${(label.address >>> 0).toString(16).padStart(8, '0')}\``);
    if (label.where) parts.push(`defined at ${label.where}`);
    return result(parts.join('\n\n'));
  }
  const csr = csrInfo(w.text);
  if (csr) return result(csrMarkdown(csr));
  if (!isHead && stmt === undefined) {
    const info = mnemonicInfo(w.text);
    if (info) return result(info.markdown);
  }
  return undefined;
}
