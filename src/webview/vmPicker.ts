import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { VcpusResponse } from '../debugAdapter/paneProtocol';
import type { PaneHost } from './paneHost';

/**
 * The VM selector of the panes that show one VM at a time (Page Tables, Devices): the chosen VM,
 * restored from the pane's saved state, and options kept in step with the session's VMs.
 */
export class VmPicker {
  readonly element = document.createElement('vscode-single-select');
  selected: string | undefined;
  private names = '';

  constructor(saved: unknown, onChange: (vm: string) => void) {
    this.selected = typeof saved === 'string' ? saved : undefined;
    this.element.setAttribute('aria-label', 'VM');
    this.element.addEventListener('change', () => { this.selected = this.element.value; onChange(this.selected); });
  }

  /** Fetches the session's VMs, redraws the options when they changed, and returns the VM to show (the first when the chosen one is gone). */
  async sync(host: PaneHost): Promise<string | undefined> {
    const names = (await host.request<VcpusResponse>('hyperstep/vcpus')).vms.map((v) => v.name);
    if (!this.selected || !names.includes(this.selected)) this.selected = names[0];
    if (names.join('\n') !== this.names) {
      this.names = names.join('\n');
      this.element.replaceChildren(...names.map((n) => { const o = document.createElement('vscode-option'); o.value = n; o.textContent = n; return o; }));
    }
    if (this.selected !== undefined && this.element.value !== this.selected) this.element.value = this.selected;
    return this.selected;
  }
}
