import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { assemble } from '../engine/asm/index';
import { firstErrorText, isAssemblySource } from './language/assemblyCheck';
import { LiveDiagnostics } from './language/liveDiagnostics';
import { resolveProgram, resolveVms } from './launchProgram';

/**
 * Makes F5 work without a launch.json (debug the open .s/.S file) and checks a program before
 * the adapter starts: assembly errors go to the Problems view and stop the launch with a
 * message that names the first one. A program of several images (a hypervisor and its guests)
 * is checked image by image, each assembled as the adapter will; so is each VM's program of a
 * launch under the built-in VMM (`vms`), previrtualized when the VM says `"previrtualize": true`
 * (the rewritten sequences move code, so a layout error can exist only in that build).
 */

/** The launch for an assembly file in an editor: what F5 with no launch.json does. */
export function launchForFile(file: string, noDebug = false): vscode.DebugConfiguration {
  return {
    type: 'hyperstep', request: 'launch', name: `Hyperstep: ${path.basename(file)}`, program: file, stopOnEntry: false,
    ...(noDebug ? { noDebug: true } : {}),
  };
}

function activeAssemblyFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') return undefined;
  return doc.languageId === 'riscv-asm' || isAssemblySource(doc.uri.fsPath) ? doc.uri.fsPath : undefined;
}

export class HyperstepConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly diagnostics: LiveDiagnostics) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [{ type: 'hyperstep', request: 'launch', name: 'Hyperstep: debug the current file', program: '${file}', stopOnEntry: true }];
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    // F5 with no launch.json hands us an empty configuration.
    if (!config.type && !config.request && !config.name) {
      const file = activeAssemblyFile();
      if (!file) {
        void vscode.window.showErrorMessage('Hyperstep: open a RISC-V assembly file (.s, .S, .asm) to debug it, or add a launch configuration.');
        return undefined;
      }
      return launchForFile(file);
    }
    // Under the VMM each VM names its own program ("vms"); the adapter checks that shape.
    if (config.program === undefined && config.vms === undefined) {
      const file = activeAssemblyFile();
      if (!file) {
        void vscode.window.showErrorMessage("Hyperstep: the launch configuration needs a 'program' (one or more .s/.S files, or an ELF).");
        return undefined;
      }
      config.program = file;
    }
    config.type ??= 'hyperstep';
    config.request ??= 'launch';
    config.name ??= 'Hyperstep';
    return config;
  }

  resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const root = folder?.uri.fsPath ?? (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd());
    // The adapter resolves relative paths against `cwd`; pin it so a separate process agrees.
    const base = typeof config.cwd === 'string' && config.cwd !== '' ? path.resolve(root, config.cwd) : root;
    const exists = (f: string): boolean => fs.existsSync(f);
    const vms = config.vms !== undefined ? resolveVms(config.vms, base, exists) : undefined;
    const resolved = vms ?? (config.vms === undefined ? resolveProgram(config.program, base, exists) : undefined);
    // A shape this side does not know goes to the adapter, whose error names the field and element.
    if (!resolved) return config;
    config.cwd = base;
    if (resolved.missing.length) {
      void vscode.window.showErrorMessage(`Hyperstep: cannot find ${resolved.missing.map((m) => path.relative(base, m) || m).join(', ')}.`);
      return undefined;
    }
    if (vms) config.vms = vms.vms;
    else config.program = (resolved as ReturnType<typeof resolveProgram> & object).program;
    // Saves nothing and launches nothing when an image does not assemble.
    let errors = 0, first: string | undefined;
    resolved.images.forEach((files, i) => {
      if (!files.every(isAssemblySource)) return;
      const check = this.diagnostics.checkNow(files);
      errors += check.errorCount;
      if (check.errorCount > 0) first ??= firstErrorText(check);
      else if (vms?.vms[i]?.previrtualize === true) {
        const more = checkPrevirtualized(files);
        errors += more.count;
        first ??= more.first;
      }
    });
    if (errors > 0) {
      const more = errors > 1 ? ` (and ${errors - 1} more)` : '';
      void vscode.window.showErrorMessage(`Hyperstep: cannot start: ${first ?? 'assembly failed'}${more}`, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return undefined;
    }
    return config;
  }
}

/** Problems only the previrtualized build of a VM's program has (its own collection, so the live check does not clear them). */
let previrtProblems: vscode.DiagnosticCollection | undefined;

/**
 * Assembles a VM's program as the adapter will with `"previrtualize": true` (the sources as the
 * editor has them); its errors go to the Problems view. Called when the plain build is clean.
 */
function checkPrevirtualized(files: string[]): { count: number; first?: string } {
  previrtProblems ??= vscode.languages.createDiagnosticCollection('hyperstep-previrtualized');
  const read = (f: string): string | undefined => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === f);
    if (open) return open.getText();
    try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; }
  };
  for (const f of files) previrtProblems.delete(vscode.Uri.file(f));
  const r = assemble(files.map((f) => ({ path: f, text: read(f) ?? '' })), { previrtualize: true, readFile: (p) => read(path.resolve(p)) });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const d of errors) {
    const file = path.resolve(d.file), line = Math.max(0, d.line - 1);
    const range = new vscode.Range(line, Math.max(0, d.column - 1), Math.max(line, (d.endLine ?? d.line) - 1), Math.max(0, d.endColumn - 1));
    const diag = new vscode.Diagnostic(range, `${d.message} (previrtualized build)`, vscode.DiagnosticSeverity.Error);
    diag.source = 'hyperstep-as';
    byFile.set(file, [...(byFile.get(file) ?? []), diag]);
  }
  for (const [file, list] of byFile) previrtProblems.set(vscode.Uri.file(file), list);
  const e = errors[0];
  return { count: errors.length, first: e && `${path.basename(e.file)}:${e.line}:${e.column}: ${e.message} (previrtualized build)` };
}
