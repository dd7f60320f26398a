import * as fs from 'fs';
import * as vscode from 'vscode';
import { AsmIndex, indexAssembly } from './asmIndex';

/**
 * Keeps an AsmIndex of every assembly file in the workspace (open editors win over disk), so
 * navigation can follow .include and globals across files. Disk files are indexed lazily on
 * first use and refreshed by a file watcher.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly indexes = new Map<string, { version: number | 'disk'; index: AsmIndex }>();
  private scanned: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{s,S,asm,sx,inc}');
    this.disposables.push(
      watcher,
      watcher.onDidChange((u) => this.invalidate(u.fsPath)),
      watcher.onDidCreate((u) => this.refreshFromDisk(u.fsPath)),
      watcher.onDidDelete((u) => this.indexes.delete(u.fsPath)),
      vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.scheme === 'file') this.refreshFromDisk(d.uri.fsPath); }),
    );
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }

  /** The index of an open document, rebuilt when its version changed. */
  forDocument(doc: vscode.TextDocument): AsmIndex {
    const key = doc.uri.fsPath;
    const cached = this.indexes.get(key);
    if (cached && cached.version === doc.version) return cached.index;
    const index = indexAssembly(doc.getText());
    this.indexes.set(key, { version: doc.version, index });
    return index;
  }

  /** Every indexed file, after the first workspace scan; open documents are brought up to date. */
  async all(): Promise<Map<string, AsmIndex>> {
    this.scanned ??= this.scan();
    await this.scanned;
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.languageId === 'riscv-asm' && doc.uri.scheme === 'file') this.forDocument(doc);
    }
    return new Map([...this.indexes].map(([k, v]) => [k, v.index]));
  }

  private async scan(): Promise<void> {
    const uris = await vscode.workspace.findFiles('**/*.{s,S,asm,sx,inc}', '**/{node_modules,out,dist,.git}/**', 2000);
    for (const u of uris) if (!this.indexes.has(u.fsPath)) this.refreshFromDisk(u.fsPath);
  }

  private invalidate(file: string): void {
    const open = vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file);
    if (!open) this.refreshFromDisk(file);
  }

  private refreshFromDisk(file: string): void {
    try {
      this.indexes.set(file, { version: 'disk', index: indexAssembly(fs.readFileSync(file, 'utf8')) });
    } catch {
      this.indexes.delete(file);
    }
  }
}
