/**
 * The HTML of a pane's webview (vscode-free, so the browser test renders the very same page):
 * a strict Content-Security-Policy, the one panes bundle, and `data-view` naming the pane.
 */

export type PaneView = 'vcpus' | 'pageTables' | 'devices' | 'exits';

export const PANE_VIEWS: { view: PaneView; id: string; title: string }[] = [
  { view: 'vcpus', id: 'hyperstep.vcpus', title: 'vCPUs' },
  { view: 'pageTables', id: 'hyperstep.pageTables', title: 'Page Tables' },
  { view: 'devices', id: 'hyperstep.devices', title: 'Devices' },
  { view: 'exits', id: 'hyperstep.exits', title: 'VM Exits' },
];

export function paneHtml(opts: { view: PaneView; scriptUri: string; cspSource: string; nonce: string }): string {
  const csp = [
    "default-src 'none'",
    `img-src ${opts.cspSource} data:`,
    // Lit and uPlot set styles from script; the stylesheet text is inlined by the bundle.
    `style-src ${opts.cspSource} 'unsafe-inline'`,
    `font-src ${opts.cspSource}`,
    `script-src 'nonce-${opts.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Hyperstep ${escapeHtml(opts.view)}</title>
</head>
<body data-view="${escapeHtml(opts.view)}">
<div id="app"></div>
<script nonce="${opts.nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}
