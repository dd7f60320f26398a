import uplotCss from 'uplot/dist/uPlot.min.css';
import panesCss from './panes.css';
import { DevicesPane } from './devicesPane';
import { ExitsPane } from './exitsPane';
import { PageTablesPane } from './pageTablesPane';
import { Pane, PaneHost } from './paneHost';
import { VcpusPane } from './vcpusPane';

/**
 * The one bundle behind every Hyperstep pane (dist/webview/panes.js): the page's
 * `<body data-view="...">` says which pane this webview is.
 */

const PANES: Record<string, (host: PaneHost) => Pane> = {
  vcpus: (host) => new VcpusPane(host),
  pageTables: (host) => new PageTablesPane(host),
  devices: (host) => new DevicesPane(host),
  exits: (host) => new ExitsPane(host),
};

const style = document.createElement('style');
style.textContent = `${uplotCss}\n${panesCss}`;
document.head.append(style);

const view = document.body.dataset.view ?? '';
const root = document.getElementById('app') ?? document.body;
const host = new PaneHost(root);
const make = PANES[view];
if (make) host.start(make(host));
else root.textContent = `Hyperstep: unknown pane "${view}"`;
