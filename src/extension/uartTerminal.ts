import * as vscode from 'vscode';
import { UART_INPUT } from '../debugAdapter/customRequests';

/**
 * Each Hyperstep debug session's UART as an interactive terminal named "Hyperstep UART".
 *
 * Output: the adapter mirrors every byte the guest writes to the UART as a DAP `output` event
 * with category `stdout` (VS Code shows those in the Debug Console too); a debug adapter
 * tracker sees them and writes them here. Input: keystrokes go to the adapter as the custom
 * request `uartInput { text }` (the adapter also takes base64 `data`), which feeds UART RX.
 */

/** Name of the custom DAP request that feeds the UART receiver (see src/debugAdapter). */
export const UART_INPUT_REQUEST = UART_INPUT;

/** Terminals expect CRLF; guests usually print bare LF. */
export function toTerminalText(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

class UartPty implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  private pending: string[] | undefined = [];
  ended = false;

  constructor(private readonly session: vscode.DebugSession) {}

  open(): void {
    const buffered = this.pending ?? [];
    this.pending = undefined;
    for (const s of buffered) this.writeEmitter.fire(s);
  }

  close(): void { /* the terminal was closed by the user; the session goes on */ }

  write(text: string): void {
    const t = toTerminalText(text);
    if (this.pending) this.pending.push(t);
    else this.writeEmitter.fire(t);
  }

  handleInput(data: string): void {
    if (this.ended) return;
    this.session.customRequest(UART_INPUT_REQUEST, { text: data }).then(undefined, (e: unknown) => {
      this.write(`\r\n[hyperstep: UART input failed: ${(e as Error)?.message ?? e}]\r\n`);
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.write('\r\n\x1b[2m[debug session ended]\x1b[0m\r\n');
  }
}

export class UartTerminals implements vscode.Disposable {
  private readonly bySession = new Map<string, { pty: UartPty; terminal: vscode.Terminal }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      vscode.debug.registerDebugAdapterTrackerFactory('hyperstep', {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string; body?: { category?: string; output?: string } }) => {
            if (m?.type === 'event' && m.event === 'output' && m.body?.category === 'stdout' && typeof m.body.output === 'string') {
              this.forSession(session)?.pty.write(m.body.output);
            }
          },
        }),
      }),
      vscode.debug.onDidStartDebugSession((s) => { if (s.type === 'hyperstep') this.forSession(s); }),
      vscode.debug.onDidTerminateDebugSession((s) => this.bySession.get(s.id)?.pty.end()),
      vscode.window.onDidCloseTerminal((t) => {
        for (const [id, v] of this.bySession) if (v.terminal === t) this.bySession.delete(id);
      }),
    );
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('hyperstep.uart').get<boolean>('terminal', true);
  }

  /** The session's terminal, created on first need (the session start or its first output). */
  private forSession(session: vscode.DebugSession): { pty: UartPty; terminal: vscode.Terminal } | undefined {
    if (session.type !== 'hyperstep' || !this.enabled()) return undefined;
    let entry = this.bySession.get(session.id);
    if (entry) return entry;
    // Terminals of finished sessions make way for the new one, so they do not pile up.
    for (const [id, v] of this.bySession) {
      if (v.pty.ended) { v.terminal.dispose(); this.bySession.delete(id); }
    }
    const pty = new UartPty(session);
    const terminal = vscode.window.createTerminal({ name: 'Hyperstep UART', pty, iconPath: new vscode.ThemeIcon('plug') });
    entry = { pty, terminal };
    this.bySession.set(session.id, entry);
    terminal.show(true);
    return entry;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const v of this.bySession.values()) v.terminal.dispose();
  }
}
