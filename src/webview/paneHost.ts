import type { PaneCommand } from '../debugAdapter/paneProtocol';
import { h, replace } from './dom';

/**
 * The webview's side of the conversation with the extension (src/extension/panes):
 * - extension -> pane: `session` (is there a hyperstep session, is it running), `refresh` (on
 *   every stop, and at most every 100 ms while running), `response` (to a request), `note`.
 * - pane -> extension: `ready`, `request` (a hyperstep/* DAP request, relayed to the session),
 *   `open` (show the guest source of an address).
 * Refreshes never pile up: one that arrives while the pane is still fetching runs once after.
 */

export interface VsCodeApi { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

export type FromExtension =
  | { type: 'session'; active: boolean; running: boolean; name?: string }
  | { type: 'refresh'; running: boolean; reason: 'stopped' | 'tick' | 'shown' }
  | { type: 'response'; id: number; body?: unknown; error?: string }
  | { type: 'note'; text: string };

export interface Pane {
  /** Fetches what the pane shows and redraws it. */
  refresh(): Promise<void>;
}

export class PaneHost {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private pane: Pane | undefined;
  private busy = false;
  private again = false;
  active = false;
  running = false;
  readonly status: HTMLElement = h('div', { class: 'status none', role: 'status' }, 'no VMM session');
  readonly body: HTMLElement = h('div', { class: 'pane-body' });
  private readonly noteLine: HTMLElement = h('div', { class: 'note', hidden: true });

  constructor(root: HTMLElement) {
    replace(root, this.status, this.noteLine, this.body);
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data as FromExtension));
  }

  start(pane: Pane): void {
    this.pane = pane;
    this.api.postMessage({ type: 'ready' });
  }

  /** A hyperstep/* request to the debug session. */
  request<T>(command: PaneCommand, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.api.postMessage({ type: 'request', id, command, args });
    });
  }

  /** Opens the guest source at `pc` of `vm` (the extension asks the adapter where it is). */
  open(vm: string, pc: number): void { this.api.postMessage({ type: 'open', vm, pc }); }

  note(text: string): void {
    this.noteLine.textContent = text;
    this.noteLine.hidden = false;
  }

  /** What the pane keeps across reloads (the webview is rebuilt when it is hidden and shown). */
  get saved(): Record<string, unknown> { return (this.api.getState() as Record<string, unknown> | undefined) ?? {}; }
  save(patch: Record<string, unknown>): void { this.api.setState({ ...this.saved, ...patch }); }

  private receive(m: FromExtension): void {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'response': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.body);
        return;
      }
      case 'session':
        this.active = m.active;
        this.running = m.running;
        this.showStatus(m.active ? undefined : 'no VMM session');
        if (m.active) void this.refresh();
        return;
      case 'refresh':
        this.running = m.running;
        if (this.active) void this.refresh();
        return;
      case 'note':
        this.note(m.text);
        return;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.pane) return;
    if (this.busy) { this.again = true; return; }
    this.busy = true;
    try {
      do {
        this.again = false;
        try {
          await this.pane.refresh();
          this.showStatus();
        } catch (e) {
          this.showStatus(`no VMM session: ${(e as Error).message}`);
        }
      } while (this.again);
    } finally {
      this.busy = false;
    }
  }

  /** The line at the top: live while running, a still "stopped" while stopped (the data is current either way). */
  private showStatus(problem?: string): void {
    const state = problem ? 'none' : this.running ? 'running' : 'stopped';
    this.status.className = `status ${state}`;
    document.body.classList.toggle('frozen', state === 'stopped');
    document.body.classList.toggle('no-session', state === 'none');
    this.status.textContent = problem ?? (this.running ? '● live (running)' : '❚❚ stopped');
  }
}
