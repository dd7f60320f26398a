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

/** A pane's page, or (view 'compare', script compare.js) the virtualization-mode comparison's. */
export function paneHtml(opts: { view: PaneView | 'compare'; scriptUri: string; cspSource: string; nonce: string }): string {
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
<script nonce="${opts.nonce}">${loader(opts.scriptUri, opts.nonce)}</script>
</body>
</html>`;
}

/**
 * Loads the bundle, retrying: a webview's resources come through a service worker that may not
 * be serving yet when the page first loads (seen in code-server: a request then goes out to the
 * network and fails).
 */
function loader(src: string, nonce: string): string {
  return `(function load(attempt) {
  var s = document.createElement('script');
  s.nonce = ${JSON.stringify(nonce)};
  s.src = ${JSON.stringify(src).replace(/</g, '\\u003c')};
  s.onerror = function () {
    s.remove();
    if (attempt < 60) setTimeout(function () { load(attempt + 1); }, 250);
    else document.getElementById('app').textContent = 'Hyperstep: the pane script did not load';
  };
  document.body.appendChild(s);
})(0);`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}
