import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { PANE_COMMANDS } from '../../debugAdapter/paneProtocol';
import type { LocateResponse } from '../../debugAdapter/paneProtocol';
import { PANE_VIEWS, PaneView, paneHtml } from './paneHtml';
import { RefreshReason, RefreshSchedule } from './refreshSchedule';

/**
 * The Hyperstep panes (vCPUs, Page Tables, Devices, VM Exits): webview views in the Hyperstep
 * activity-bar container. They show the active `hyperstep` debug session. A debug adapter
 * tracker sees the session stop and run; the panes re-read it on every stop and at most
 * `hyperstep.panes.refreshHz` times a second while it runs. The webviews ask for their data
 * themselves (hyperstep/* custom requests, relayed here to `session.customRequest`).
 */

/** DAP requests after which the program runs (the adapter does not always send `continued`). */
const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'configurationDone', 'goto', 'restart']);
const ALLOWED = new Set<string>(PANE_COMMANDS);

type FromPane =
  | { type: 'ready' }
  | { type: 'request'; id: number; command: string; args?: Record<string, unknown> }
  | { type: 'open'; vm: string; pc: number };

class PaneViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly kind: PaneView, private readonly panes: Panes) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [root] };
    view.webview.html = paneHtml({
      view: this.kind, cspSource: view.webview.cspSource, nonce: crypto.randomBytes(16).toString('base64'),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'panes.js')).toString(),
    });
    view.webview.onDidReceiveMessage((m: FromPane) => { void this.receive(m); });
    view.onDidChangeVisibility(() => { if (view.visible) this.post(this.panes.sessionMessage()); });
    view.onDidDispose(() => { if (this.view === view) this.view = undefined; });
  }

  /** Messages go to visible panes only: a hidden pane is rebuilt (and asks again) when shown. */
  post(message: unknown): void {
    if (this.view?.visible) void this.view.webview.postMessage(message);
  }

  private async receive(m: FromPane): Promise<void> {
    if (!m || typeof m !== 'object') return;
    if (m.type === 'ready') { this.post(this.panes.sessionMessage()); return; }
    if (m.type === 'request') {
      const session = this.panes.session;
      try {
        if (!ALLOWED.has(m.command)) throw new Error(`not a pane request: ${m.command}`);
        if (!session) throw new Error('no hyperstep debug session');
        const body: unknown = await session.customRequest(m.command, m.args ?? {});
        this.post({ type: 'response', id: m.id, body });
      } catch (e) {
        this.post({ type: 'response', id: m.id, error: (e as Error)?.message ?? String(e) });
      }
      return;
    }
    if (m.type === 'open') await this.open(m.vm, m.pc);
  }

  /** Opens the guest source at `pc`, or says the address when no source line is known. */
  private async open(vm: string, pc: number): Promise<void> {
    const address = `0x${(pc >>> 0).toString(16).padStart(8, '0')}`;
    const session = this.panes.session;
    let where: LocateResponse | undefined;
    try {
      where = session ? await session.customRequest('hyperstep/locate', { vm, pc }) as LocateResponse : undefined;
    } catch { where = undefined; }
    const loc = where?.location;
    if (loc) {
      const line = Math.max(0, loc.line - 1);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(loc.file));
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0), preview: true, viewColumn: vscode.ViewColumn.One });
      return;
    }
    const text = `${vm}: no source line for guest pc ${address}`;
    this.post({ type: 'note', text });
    void vscode.window.showInformationMessage(`Hyperstep: ${text}`);
  }
}

/** Which session the panes show, whether it runs, and when they refresh. */
class Panes implements vscode.Disposable {
  session: vscode.DebugSession | undefined;
  private readonly providers: PaneViewProvider[] = [];
  private readonly schedule: RefreshSchedule;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri) {
    this.schedule = new RefreshSchedule((reason) => this.broadcast({ type: 'refresh', running: this.schedule.running, reason }), refreshHz());
    for (const p of PANE_VIEWS) {
      const provider = new PaneViewProvider(extensionUri, p.view, this);
      this.providers.push(provider);
      this.disposables.push(vscode.window.registerWebviewViewProvider(p.id, provider));
    }
    this.disposables.push(
      vscode.debug.registerDebugAdapterTrackerFactory('hyperstep', { createDebugAdapterTracker: (s) => this.tracker(s) }),
      vscode.debug.onDidChangeActiveDebugSession((s) => this.select(s)),
      vscode.debug.onDidStartDebugSession((s) => { if (!this.session) this.select(s); }),
      vscode.debug.onDidTerminateDebugSession((s) => { if (s === this.session) this.select(vscode.debug.activeDebugSession); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('hyperstep.panes.refreshHz')) this.schedule.setHz(refreshHz()); }),
      vscode.commands.registerCommand('hyperstep.panes.refresh', () => this.refresh('stopped')),
    );
    this.select(vscode.debug.activeDebugSession);
  }

  sessionMessage(): unknown {
    return { type: 'session', active: !!this.session, running: this.schedule.running, name: this.session?.name };
  }

  private select(s: vscode.DebugSession | undefined): void {
    const next = s?.type === 'hyperstep' ? s : undefined;
    if (next === this.session) return;
    this.session = next;
    this.schedule.ended();
    this.broadcast(this.sessionMessage());
  }

  private refresh(reason: RefreshReason): void { this.broadcast({ type: 'refresh', running: this.schedule.running, reason }); }

  private broadcast(message: unknown): void { for (const p of this.providers) p.post(message); }

  private tracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const mine = (): boolean => {
      if (!this.session && session.type === 'hyperstep') this.select(session);
      return session === this.session;
    };
    return {
      onWillReceiveMessage: (m: { type?: string; command?: string }) => {
        if (m?.type === 'request' && m.command && RESUMING.has(m.command) && mine()) this.schedule.continued();
      },
      onDidSendMessage: (m: { type?: string; event?: string }) => {
        if (m?.type !== 'event' || !mine()) return;
        if (m.event === 'stopped') this.schedule.stopped();
        else if (m.event === 'continued') this.schedule.continued();
        else if (m.event === 'terminated' || m.event === 'exited') { this.schedule.ended(); this.refresh('stopped'); }
      },
    };
  }

  dispose(): void {
    this.schedule.ended();
    for (const d of this.disposables) d.dispose();
  }
}

function refreshHz(): number {
  return vscode.workspace.getConfiguration('hyperstep.panes').get<number>('refreshHz', 10);
}

/** Registers the four panes; dispose to remove them. */
export function registerPanes(context: vscode.ExtensionContext): vscode.Disposable {
  return new Panes(context.extensionUri);
}
