import * as vscode from 'vscode';
import { HyperstepAdapterFactory } from './debugAdapterFactory';
import { HyperstepConfigurationProvider, launchForFile } from './debugConfiguration';
import { registerLanguageFeatures } from './language/languageFeatures';
import { LiveDiagnostics } from './language/liveDiagnostics';
import { WorkspaceIndex } from './language/workspaceIndex';
import { UartTerminals } from './uartTerminal';
import { createInlineSession } from './inlineAdapter';
import { registerPanes } from './panes/paneViews';
import { registerVmExitCommands } from './vmExitCommands';
import { registerCompareCommand } from './compareModes';

/**
 * The Hyperstep extension: the `hyperstep` debugger (configuration, adapter placement, UART
 * terminals, the VMM panes and its toolbar buttons), the virtualization-mode comparison and the RISC-V assembly language features. Everything here wires VS Code to
 * logic that lives in vscode-free modules.
 */
export function activate(context: vscode.ExtensionContext): void {
  const diagnostics = new LiveDiagnostics();
  const index = new WorkspaceIndex();
  const provider = new HyperstepConfigurationProvider(diagnostics);

  const debugFile = (noDebug: boolean) => async (uri?: vscode.Uri): Promise<void> => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== 'file') {
      void vscode.window.showErrorMessage('Hyperstep: open a RISC-V assembly file first.');
      return;
    }
    await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(target), launchForFile(target.fsPath, noDebug));
  };

  context.subscriptions.push(
    diagnostics,
    index,
    new UartTerminals(),
    registerPanes(context),
    registerCompareCommand(context, diagnostics),
    vscode.debug.registerDebugConfigurationProvider('hyperstep', provider),
    // Offered in the "Run and Debug" start view's list even when launch.json has no entry.
    vscode.debug.registerDebugConfigurationProvider('hyperstep', {
      provideDebugConfigurations: () => {
        const doc = vscode.window.activeTextEditor?.document;
        return doc?.languageId === 'riscv-asm' && doc.uri.scheme === 'file' ? [launchForFile(doc.uri.fsPath)] : [];
      },
    }, vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory('hyperstep', new HyperstepAdapterFactory(context.extensionPath, createInlineSession)),
    vscode.commands.registerCommand('hyperstep.debugFile', debugFile(false)),
    vscode.commands.registerCommand('hyperstep.runFile', debugFile(true)),
    ...registerVmExitCommands(),
    ...registerLanguageFeatures(index, diagnostics),
  );
}

export function deactivate(): void { /* subscriptions dispose everything */ }
