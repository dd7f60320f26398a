import uplotCss from 'uplot/dist/uPlot.min.css';
import panesCss from './panes.css';
import type { CompareViewMessage } from '../extension/compareProtocol';
import { ComparePage } from './comparePage';

/**
 * The mode comparison's webview (dist/webview/compare.js): shows the report the extension sends
 * (src/extension/compareModes.ts), and keeps it in the webview state so a reload redraws at once.
 */

interface VsCodeApi { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

const style = document.createElement('style');
style.textContent = `${uplotCss}\n${panesCss}`;
document.head.append(style);

const api = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body;
root.textContent = 'Comparing…';
let page: ComparePage | undefined;

function show(m: CompareViewMessage): void {
  if (m.type !== 'report') return;
  page ??= new ComparePage(root);
  page.show(m.report, m.file);
  api.setState(m);
}

window.addEventListener('message', (e: MessageEvent) => { if (e.data && typeof e.data === 'object') show(e.data as CompareViewMessage); });
const saved = api.getState() as CompareViewMessage | undefined;
if (saved) show(saved);
api.postMessage({ type: 'ready' });
