import type { DebugProtocol } from '@vscode/debugprotocol';
import { CSRS } from '../engine/isa/csrs';
import { REPL_COMMANDS } from './replCommands';
import { registerNames } from './registers';
import type { SymbolTable } from './symbolTable';

/**
 * Debug-console completion: commands at the start of the line, then register names, CSR names
 * and the program's symbols (hypervisor and guest images) that start with the word under the cursor.
 */

const MAX_ITEMS = 200;

export function completions(text: string, column: number, symbols: SymbolTable[] | undefined, columnsStartAt1 = true): DebugProtocol.CompletionItem[] {
  const col = Math.max(0, Math.min(text.length, column - (columnsStartAt1 ? 1 : 0)));
  const upto = text.slice(0, col);
  const m = /[A-Za-z_.$][A-Za-z0-9_.$]*$/.exec(upto);
  const prefix = m ? m[0] : '';
  const start = col - prefix.length;
  const items: DebugProtocol.CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (label: string, type: DebugProtocol.CompletionItemType, detail?: string): void => {
    if (seen.has(label) || items.length >= MAX_ITEMS) return;
    if (!label.toLowerCase().startsWith(prefix.toLowerCase())) return;
    seen.add(label);
    items.push({ label, type, detail, start: start + (columnsStartAt1 ? 1 : 0), length: prefix.length });
  };
  if (upto.slice(0, start).trim() === '') for (const c of REPL_COMMANDS) add(c, 'keyword');
  for (const r of registerNames()) add(r, 'variable', 'register');
  for (const c of CSRS) add(c.name, 'property', c.doc);
  for (const table of symbols ?? []) for (const s of table.all()) add(s.name, s.code ? 'function' : 'reference', `0x${s.address.toString(16)}`);
  return items;
}
