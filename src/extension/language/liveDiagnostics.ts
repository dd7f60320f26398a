import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EditorDiagnostic, ProgramCheck, checkProgram, isAssemblySource, programGroupFor } from './assemblyCheck';
import { SymbolAddresses } from './languageFeatures';

/**
 * Problems as you type: a changed assembly document is assembled (with the files a launch
 * configuration links it with) after a short pause, and the assembler's diagnostics, with
 * their exact ranges, go to the "hyperstep" diagnostics collection. The same collection
 * receives the check made before a launch. Symbol addresses of the last good assembly feed
 * label hovers.
 */
export class LiveDiagnostics implements vscode.Disposable, SymbolAddresses {
  readonly collection = vscode.languages.createDiagnosticCollection('hyperstep');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** For each checked root file: the files it published diagnostics to (to clear them later). */
  private readonly published = new Map<string, Set<string>>();
  private readonly addresses = new Map<string, Map<string, number>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.fsPath)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('hyperstep.diagnostics')) this.recheckOpenDocuments();
      }),
    );
    this.recheckOpenDocuments();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  addressOf(file: string, name: string): number | undefined {
    return this.addresses.get(file)?.get(name);
  }

  private settings(): { enabled: boolean; delay: number } {
    const c = vscode.workspace.getConfiguration('hyperstep.diagnostics');
    return { enabled: c.get<boolean>('enable', true), delay: c.get<number>('delay', 300) };
  }

  private recheckOpenDocuments(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay?: number): void {
    if (doc.languageId !== 'riscv-asm' || doc.uri.scheme !== 'file') return;
    const { enabled, delay: configured } = this.settings();
    const file = doc.uri.fsPath;
    if (!enabled) { this.forget(file); return; }
    clearTimeout(this.timers.get(file));
    this.timers.set(file, setTimeout(() => { this.timers.delete(file); this.checkAsYouType(file); }, delay ?? configured));
  }

  private forget(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.delete(file);
    for (const f of this.published.get(file) ?? []) this.collection.delete(vscode.Uri.file(f));
    this.published.delete(file);
  }

  /** Launch configurations' `program` lists, so multi-file programs are assembled together. */
  private launchGroups(file: string): string[][] {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    const configs = vscode.workspace.getConfiguration('launch', folder?.uri).get<Array<Record<string, unknown>>>('configurations') ?? [];
    const root = folder?.uri.fsPath ?? path.dirname(file);
    const groups: string[][] = [];
    for (const c of configs) {
      if (c?.type !== 'hyperstep' || !Array.isArray(c.program)) continue;
      groups.push(c.program.filter((p): p is string => typeof p === 'string')
        .map((p) => path.resolve(root, p.replace(/\$\{workspaceFolder\}/g, root))));
    }
    return groups;
  }

  private checkAsYouType(file: string): void {
    const group = programGroupFor(file, this.launchGroups(file));
    const check = this.check(group);
    this.publish(file, check);
  }

  /** Assembles a program now (used before a launch), publishes and returns the result. */
  checkNow(files: string[]): ProgramCheck {
    const check = this.check(files);
    this.publish(files[0], check);
    return check;
  }

  private check(files: string[]): ProgramCheck {
    const read = (f: string): string | undefined => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === f);
      if (open) return open.getText();
      try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; }
    };
    const check = checkProgram(files, read);
    if (check.errorCount === 0) {
      for (const f of files) {
        const m = new Map<string, number>();
        for (const s of check.result.symbols) if (path.resolve(s.file) === f || s.global) m.set(s.name, s.value >>> 0);
        this.addresses.set(f, m);
      }
    }
    return check;
  }

  private publish(root: string, check: ProgramCheck): void {
    const before = this.published.get(root) ?? new Set<string>();
    const now = new Set<string>();
    for (const [file, list] of check.byFile) {
      if (!isAssemblySource(file) && list.length === 0) continue;
      now.add(file);
      this.collection.set(vscode.Uri.file(file), list.map(toVscodeDiagnostic));
    }
    for (const f of before) if (!now.has(f)) this.collection.delete(vscode.Uri.file(f));
    this.published.set(root, now);
  }
}

function toVscodeDiagnostic(d: EditorDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.line, d.character, d.endLine, Math.max(d.endCharacter, d.endLine === d.line ? d.character + 1 : 0));
  const diag = new vscode.Diagnostic(range, d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diag.source = 'hyperstep-as';
  return diag;
}
