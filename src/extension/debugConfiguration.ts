import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { firstErrorText, isAssemblySource } from './language/assemblyCheck';
import { LiveDiagnostics } from './language/liveDiagnostics';

/**
 * Makes F5 work without a launch.json (debug the open .s/.S file) and checks a program before
 * the adapter starts: assembly errors go to the Problems view and stop the launch with a
 * message that names the first one.
 */

export function programList(program: unknown): string[] | undefined {
  if (typeof program === 'string') return [program];
  if (Array.isArray(program) && program.length > 0 && program.every((p) => typeof p === 'string')) return program as string[];
  return undefined;
}

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
    if (config.program === undefined) {
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
    const list = programList(config.program);
    if (!list) {
      void vscode.window.showErrorMessage("Hyperstep: 'program' must be a file path or a list of file paths.");
      return undefined;
    }
    const root = folder?.uri.fsPath ?? (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd());
    // The adapter resolves relative paths against `cwd`; pin it so a separate process agrees.
    const base = typeof config.cwd === 'string' && config.cwd !== '' ? path.resolve(root, config.cwd) : root;
    config.cwd = base;
    const files = list.map((p) => path.resolve(base, p));
    const missing = files.filter((f) => !fs.existsSync(f));
    if (missing.length) {
      void vscode.window.showErrorMessage(`Hyperstep: cannot find ${missing.map((m) => path.relative(base, m) || m).join(', ')}.`);
      return undefined;
    }
    config.program = Array.isArray(config.program) ? files : files[0];
    if (files.every(isAssemblySource)) {
      // Saves nothing and launches nothing when the program does not assemble.
      const check = this.diagnostics.checkNow(files);
      if (check.errorCount > 0) {
        const first = firstErrorText(check) ?? 'assembly failed';
        const more = check.errorCount > 1 ? ` (and ${check.errorCount - 1} more)` : '';
        void vscode.window.showErrorMessage(`Hyperstep: cannot start: ${first}${more}`, 'Show Problems').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return undefined;
      }
    }
    return config;
  }
}
