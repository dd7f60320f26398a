import * as path from 'path';
import * as vscode from 'vscode';
import { Range as IndexRange, wordAt } from './asmIndex';
import { Candidate, CandidateKind, completionCandidates } from './completion';
import { hoverAt } from './hover';
import { findDefinition, findReferences, planRename, visibleSymbols } from './symbolNavigation';
import { WorkspaceIndex } from './workspaceIndex';

/**
 * The thin VS Code side of the assembly language features: each provider converts positions
 * and calls the vscode-free logic in this folder.
 */

export const RISCV_ASM: vscode.DocumentSelector = [{ language: 'riscv-asm' }];

const toRange = (r: IndexRange): vscode.Range => new vscode.Range(r.line, r.start, r.line, r.end);
const toLocation = (l: { file: string; range: IndexRange }): vscode.Location => new vscode.Location(vscode.Uri.file(l.file), toRange(l.range));

const COMPLETION_KINDS: Record<CandidateKind, vscode.CompletionItemKind> = {
  instruction: vscode.CompletionItemKind.Keyword,
  pseudo: vscode.CompletionItemKind.Function,
  directive: vscode.CompletionItemKind.Module,
  register: vscode.CompletionItemKind.Variable,
  csr: vscode.CompletionItemKind.Constant,
  label: vscode.CompletionItemKind.Reference,
  constant: vscode.CompletionItemKind.Constant,
  macro: vscode.CompletionItemKind.Snippet,
};

function toCompletionItem(c: Candidate, replace: vscode.Range | undefined): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.label, COMPLETION_KINDS[c.kind]);
  item.detail = c.detail;
  if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
  item.sortText = `${c.rank}${c.label}`;
  if (replace) item.range = replace;
  return item;
}

/** The word (with dots, '%' and numeric-label suffixes) under the cursor. */
function wordRange(doc: vscode.TextDocument, pos: vscode.Position): { text: string; range: vscode.Range } | undefined {
  const w = wordAt(doc.lineAt(pos.line).text, pos.character);
  return w ? { text: w.text, range: new vscode.Range(pos.line, w.start, pos.line, w.end) } : undefined;
}

export interface SymbolAddresses { addressOf(file: string, name: string): number | undefined }

export function registerLanguageFeatures(index: WorkspaceIndex, addresses: SymbolAddresses): vscode.Disposable[] {
  return [
    vscode.languages.registerHoverProvider(RISCV_ASM, {
      async provideHover(doc, pos) {
        const idx = index.forDocument(doc);
        const files = await index.all();
        const h = hoverAt(doc.lineAt(pos.line).text, pos.line, pos.character, idx, (name) => {
          const def = findDefinition(files, doc.uri.fsPath, name, pos.line, pos.character)[0];
          if (!def) return undefined;
          const kind = files.get(def.file)?.definitions.find((d) => d.name === name)?.kind;
          return {
            where: `${path.basename(def.file)}:${def.range.line + 1}`,
            address: addresses.addressOf(def.file, name),
            kind: kind === 'constant' ? 'symbol' : kind === 'macro' ? 'macro' : 'label',
          };
        });
        return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), new vscode.Range(pos.line, h.start, pos.line, h.end)) : undefined;
      },
    }),

    vscode.languages.registerCompletionItemProvider(RISCV_ASM, {
      async provideCompletionItems(doc, pos) {
        const files = await index.all();
        index.forDocument(doc);
        const lineText = doc.lineAt(pos.line).text;
        const symbols = visibleSymbols(files, doc.uri.fsPath);
        const w = wordAt(lineText, pos.character);
        const replace = w ? new vscode.Range(pos.line, w.start, pos.line, Math.max(pos.character, w.start)) : undefined;
        return completionCandidates(lineText, pos.character, symbols).map((c) => toCompletionItem(c, replace));
      },
    }, '.', '%'),

    vscode.languages.registerDefinitionProvider(RISCV_ASM, {
      async provideDefinition(doc, pos) {
        const w = wordRange(doc, pos);
        if (!w) return undefined;
        index.forDocument(doc);
        const files = await index.all();
        // On an include's file name: open that file.
        const inc = files.get(doc.uri.fsPath)?.includes.find((i) => i.range.line === pos.line && pos.character >= i.range.start && pos.character <= i.range.end);
        if (inc) return new vscode.Location(vscode.Uri.file(path.resolve(path.dirname(doc.uri.fsPath), inc.path)), new vscode.Position(0, 0));
        return findDefinition(files, doc.uri.fsPath, w.text, pos.line, w.range.start.character).map(toLocation);
      },
    }),

    vscode.languages.registerReferenceProvider(RISCV_ASM, {
      async provideReferences(doc, pos, ctx) {
        const w = wordRange(doc, pos);
        if (!w) return [];
        index.forDocument(doc);
        const files = await index.all();
        return findReferences(files, doc.uri.fsPath, w.text, pos.line, w.range.start.character, ctx.includeDeclaration).map(toLocation);
      },
    }),

    vscode.languages.registerRenameProvider(RISCV_ASM, {
      async prepareRename(doc, pos) {
        const w = wordRange(doc, pos);
        if (!w) throw new Error('Place the cursor on a label or symbol to rename it.');
        index.forDocument(doc);
        const files = await index.all();
        const plan = planRename(files, doc.uri.fsPath, w.text, pos.line, w.range.start.character, 'x');
        if (plan.error) throw new Error(plan.error);
        return { range: w.range, placeholder: w.text };
      },
      async provideRenameEdits(doc, pos, newName) {
        const w = wordRange(doc, pos);
        if (!w) return undefined;
        index.forDocument(doc);
        const files = await index.all();
        const plan = planRename(files, doc.uri.fsPath, w.text, pos.line, w.range.start.character, newName);
        if (plan.error) throw new Error(plan.error);
        const edit = new vscode.WorkspaceEdit();
        for (const l of plan.edits) edit.replace(vscode.Uri.file(l.file), toRange(l.range), newName);
        return edit;
      },
    }),

    vscode.languages.registerDocumentSymbolProvider(RISCV_ASM, {
      provideDocumentSymbols(doc) {
        const idx = index.forDocument(doc);
        const lastLine = Math.max(0, doc.lineCount - 1);
        const sections = idx.sections.map((s) => {
          const range = new vscode.Range(s.startLine, 0, s.endLine, doc.lineAt(Math.min(s.endLine, lastLine)).text.length);
          return new vscode.DocumentSymbol(s.name, 'section', vscode.SymbolKind.Namespace, range, toRange(s.nameRange));
        });
        const top: vscode.DocumentSymbol[] = [];
        const defs = idx.definitions.filter((d) => d.kind !== 'local');
        defs.forEach((d, i) => {
          // A label's range runs to the next label, so the outline follows the cursor.
          const nextLine = i + 1 < defs.length ? defs[i + 1].range.line - 1 : lastLine;
          const container = sections.find((s) => s.range.start.line <= d.range.line && d.range.line <= s.range.end.line);
          const end = Math.max(d.range.line, Math.min(nextLine, container ? container.range.end.line : lastLine));
          const kind = d.kind === 'constant' ? vscode.SymbolKind.Constant : d.kind === 'macro' ? vscode.SymbolKind.Function
            : idx.globals.has(d.name) ? vscode.SymbolKind.Function : vscode.SymbolKind.Field;
          const sym = new vscode.DocumentSymbol(d.name, d.kind === 'label' ? (idx.globals.has(d.name) ? 'global' : '') : d.kind, kind,
            new vscode.Range(d.range.line, 0, end, doc.lineAt(end).text.length), toRange(d.range));
          (container ? container.children : top).push(sym);
        });
        return [...top, ...sections];
      },
    }),
  ];
}
