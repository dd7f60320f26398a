import * as path from 'path';
import * as vscode from 'vscode';

/**
 * Where the debug adapter runs, by the `hyperstep.debugAdapter` setting:
 *   process (default)  node + dist/debugAdapter.js, a separate process: an adapter crash or a
 *                      runaway guest cannot stall the editor
 *   inline             inside the extension host (quick start, one debugger for both sides)
 *   server             a `hyperstep dap --port N` the user started (hyperstep.debugServerPort)
 */

export type AdapterMode = 'process' | 'inline' | 'server';

export function adapterMode(): AdapterMode {
  const v = vscode.workspace.getConfiguration('hyperstep').get<string>('debugAdapter', 'process');
  return v === 'inline' || v === 'server' ? v : 'process';
}

/** Creates an in-process adapter session; loaded lazily so 'process' mode never pays for it. */
export type InlineSessionFactory = () => vscode.DebugAdapter;

export class HyperstepAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly extensionPath: string, private readonly inlineSession: InlineSessionFactory) {}

  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    const mode = adapterMode();
    if (mode === 'inline') return new vscode.DebugAdapterInlineImplementation(this.inlineSession());
    if (mode === 'server') {
      const port = vscode.workspace.getConfiguration('hyperstep').get<number>('debugServerPort', 4711);
      return new vscode.DebugAdapterServer(port, '127.0.0.1');
    }
    const adapter = path.join(this.extensionPath, 'dist', 'debugAdapter.js');
    // The editor's own runtime runs the adapter: VS Code's Electron acts as Node with
    // ELECTRON_RUN_AS_NODE; code-server's is Node already. No separate Node install needed.
    return new vscode.DebugAdapterExecutable(process.execPath, [adapter], { env: { ELECTRON_RUN_AS_NODE: '1' } });
  }
}
