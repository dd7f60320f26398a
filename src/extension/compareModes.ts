import { ChildProcess, fork } from 'child_process';
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { firstErrorText, isAssemblySource } from './language/assemblyCheck';
import type { LiveDiagnostics } from './language/liveDiagnostics';
import { COMPARE_MODE_NAMES, CompareReportData, CompareRequest, CompareViewMessage, CompareWorkerMessage } from './compareProtocol';
import { paneHtml } from './panes/paneHtml';

/**
 * "Hyperstep: Compare Virtualization Modes": runs the open guest kernel under bare, nested,
 * shadow, paravirt and previrt (engine/vmm/modeComparison.ts, as `hyperstep compare` does) in a
 * child process (dist/compareWorker.js on the editor's own Node), with progress in a
 * cancellable notification, and shows the result in a webview: uPlot charts of exits by reason,
 * VMM work, guest time and TLB behaviour per mode, and the table the CLI prints. A guest that
 * does not assemble goes to the Problems view; a mode that fails is shown in its column.
 */

export const COMPARE_COMMAND = 'hyperstep.compareModes';
/** How long each mode may run (instructions); a guest that never ends is stopped and says so. */
const MAX_INSTRUCTIONS = 500_000_000;

export function registerCompareCommand(context: vscode.ExtensionContext, diagnostics: LiveDiagnostics): vscode.Disposable {
  const panel = new ComparePanel(context.extensionUri);
  const command = vscode.commands.registerCommand(COMPARE_COMMAND, async (uri?: vscode.Uri) => {
    const doc = uri instanceof vscode.Uri
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri)
      : vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file' || !(doc.languageId === 'riscv-asm' || isAssemblySource(doc.uri.fsPath))) {
      void vscode.window.showErrorMessage('Hyperstep: open a guest kernel (a RISC-V assembly file) to compare virtualization modes on it.');
      return;
    }
    const file = doc.uri.fsPath;
    const check = diagnostics.checkNow([file]);
    if (check.errorCount > 0) { showAssemblyError(firstErrorText(check), check.errorCount); return; }
    const texts: Record<string, string> = {};
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === 'file' && d.isDirty) texts[d.uri.fsPath] = d.getText();
    const report = await runWorker(path.join(context.extensionPath, 'dist', 'compareWorker.js'),
      { files: [file], texts, modes: [...COMPARE_MODE_NAMES], maxInstructions: MAX_INSTRUCTIONS }, path.basename(file),
      () => diagnostics.checkNow([file]));
    if (report) panel.show(file, report);
  });
  return vscode.Disposable.from(command, panel);
}

function showAssemblyError(first: string | undefined, count: number): void {
  const more = count > 1 ? ` (and ${count - 1} more)` : '';
  void vscode.window.showErrorMessage(`Hyperstep: cannot compare: ${first ?? 'the guest does not assemble'}${more}`, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

/** Runs the comparison in a child process with a progress notification; undefined if it failed or was cancelled. */
function runWorker(worker: string, req: CompareRequest, name: string, recheck: () => { errorCount: number }): Thenable<CompareReportData | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Hyperstep: comparing virtualization modes on ${name}`, cancellable: true },
    (progress, token) => new Promise<CompareReportData | undefined>((resolve) => {
      let child: ChildProcess;
      try {
        // The editor's own runtime, as for the debug adapter: Electron acts as Node with ELECTRON_RUN_AS_NODE.
        child = fork(worker, ['--hyperstep-compare-worker'], { execPath: process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      } catch (e) {
        void vscode.window.showErrorMessage(`Hyperstep: cannot start the comparison: ${(e as Error).message}`);
        resolve(undefined);
        return;
      }
      let stderr = '', done = false, shown = 0, expected = 0;
      const finish = (report: CompareReportData | undefined, error?: string): void => {
        if (done) return;
        done = true;
        if (error) void vscode.window.showErrorMessage(`Hyperstep: the comparison failed: ${error}`);
        if (child.exitCode === null) child.kill();
        resolve(report);
      };
      child.stderr?.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-2000); });
      child.on('message', (m: CompareWorkerMessage) => {
        if (m.type === 'progress') {
          // Each mode a share of the bar; within it, instructions against the first mode's total.
          if (m.done && !expected) expected = m.instructions;
          const within = m.done ? 1 : expected ? Math.min(0.95, m.instructions / expected) : 0;
          const at = Math.round(((m.index + within) / m.of) * 100);
          progress.report({ message: `${m.mode} (${m.index + 1} of ${m.of})${m.instructions ? `, ${(m.instructions / 1e6).toFixed(1)}M instructions` : ''}`, increment: Math.max(0, at - shown) });
          shown = Math.max(shown, at);
        } else if (m.type === 'report') finish(m.report);
        else if (m.type === 'assembly-error') {
          const errors = recheck().errorCount;
          const first = m.diagnostics.find((d) => d.severity === 'error');
          showAssemblyError(first && `${path.basename(first.file)}:${first.line}:${first.column}: ${first.message}`, Math.max(errors, 1));
          finish(undefined);
        } else if (m.type === 'error') finish(undefined, m.message);
      });
      child.on('error', (e) => finish(undefined, e.message));
      child.on('exit', (code, signal) => finish(undefined, token.isCancellationRequested ? undefined : `the worker exited (${signal ?? code}) ${stderr.trim()}`.trim()));
      token.onCancellationRequested(() => finish(undefined));
      child.send(req);
    }));
}

/** The comparison's webview (one, reused): the report goes to it when its page says it is ready. */
class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private last: CompareViewMessage | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(file: string, report: CompareReportData): void {
    this.last = { type: 'report', report, file };
    const title = `Modes: ${path.basename(file)}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
      void this.panel.webview.postMessage(this.last);
      return;
    }
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('hyperstep.compare', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [root] });
    panel.webview.html = paneHtml({
      view: 'compare', cspSource: panel.webview.cspSource, nonce: crypto.randomBytes(16).toString('base64'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'compare.js')).toString(),
    });
    panel.webview.onDidReceiveMessage((m: { type?: string }) => { if (m?.type === 'ready' && this.last) void panel.webview.postMessage(this.last); });
    panel.onDidDispose(() => { if (this.panel === panel) this.panel = undefined; });
    this.panel = panel;
  }

  dispose(): void { this.panel?.dispose(); }
}
