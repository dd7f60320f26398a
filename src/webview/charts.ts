import uPlot from 'uplot';
import type { ExitReasonName, ReasonCounts } from '../debugAdapter/paneProtocol';
import { h } from './dom';

/**
 * uPlot charts of VM exits: counts by reason as stacked bars (one colour per vCPU or VM), and
 * a timeline (one dot per exit, a row per reason). Colours come from the theme's --vscode-charts-*
 * variables, so the charts follow the editor's colour theme.
 */

export const REASONS: ExitReasonName[] = ['sbi', 'guest-page-fault', 'mmio', 'virtual-instruction', 'wfi', 'host-interrupt', 'exception', 'interrupt-injection',
  'privileged-instruction', 'hidden-fault', 'pt-write', 'hypercall'];
const SHORT: Record<ExitReasonName, string> = {
  'sbi': 'SBI', 'guest-page-fault': 'GPF', 'mmio': 'MMIO', 'virtual-instruction': 'virt insn', 'wfi': 'WFI',
  'host-interrupt': 'host irq', 'exception': 'exception', 'interrupt-injection': 'inject',
  'privileged-instruction': 'priv insn', 'hidden-fault': 'hidden', 'pt-write': 'PT write', 'hypercall': 'hypercall',
};
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'];
/** Beyond the six chart colours: the theme's terminal colours (every workbench colour reaches a webview as a variable). */
const MORE = [['terminal-ansiCyan', '#29b8db'], ['terminal-ansiMagenta', '#bc3fbc'], ['terminal-ansiBrightYellow', '#f5f543'],
  ['terminal-ansiBrightRed', '#f14c4c'], ['terminal-ansiBrightMagenta', '#d670d6'], ['terminal-ansiBrightBlack', '#8a8a8a']];

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The n-th series colour from the theme. */
export function seriesColour(n: number): string {
  const k = n % (PALETTE.length + MORE.length);
  if (k >= PALETTE.length) return themeColour(`--vscode-${MORE[k - PALETTE.length][0]}`, MORE[k - PALETTE.length][1]);
  return themeColour(`--vscode-charts-${PALETTE[k]}`, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][k]);
}

/** A reason's colour: the same in every chart (its place in the VMM's list of reasons). */
export function reasonColour(reason: ExitReasonName): string { return seriesColour(REASONS.indexOf(reason)); }

function axisStyle(): Pick<uPlot.Axis, 'stroke' | 'grid' | 'ticks' | 'font'> {
  const fg = themeColour('--vscode-foreground', '#cccccc');
  const grid = themeColour('--vscode-panel-border', 'rgba(128,128,128,0.35)');
  const font = `11px ${themeColour('--vscode-font-family', 'sans-serif')}`;
  return { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font };
}

/** Machine time (mtime, 10 MHz) in µs or ms, with the digits the span needs. */
function timeLabels(ticks: number[]): string[] {
  const span = Math.max(...ticks) - Math.min(...ticks);
  if (span < 20_000) return ticks.map((t) => `${(t / 10).toFixed(span < 200 ? 1 : 0)} µs`);
  return ticks.map((t) => `${(t / 10_000).toFixed(span < 200_000 ? 2 : 1)} ms`);
}

function widthOf(el: HTMLElement): number { return Math.max(240, Math.floor(el.clientWidth || 320)); }

/** Keeps a chart as wide as its container. */
function followWidth(u: uPlot, box: HTMLElement, height: number): void {
  new ResizeObserver(() => { const w = widthOf(box); if (Math.abs(w - u.width) > 2) u.setSize({ width: w, height }); }).observe(box);
}

/** Exits by reason, stacked by group (a vCPU or a VM). */
export class ReasonBars {
  private u: uPlot | undefined;
  private groups: string[] = [];
  readonly element: HTMLElement = h('div', { class: 'chart reason-bars' });

  constructor(private readonly height = 150) {}

  update(groups: { name: string; counts: ReasonCounts }[]): void {
    const names = groups.map((g) => g.name);
    // Stacked bars: series k is the sum of groups k..end, drawn first so the later ones sit on top.
    const stacked = groups.map((_, k) => REASONS.map((r) => groups.slice(k).reduce((s, g) => s + g.counts[r], 0)));
    const data: uPlot.AlignedData = [REASONS.map((_, i) => i), ...stacked];
    if (!this.u || names.join('\n') !== this.groups.join('\n')) {
      this.u?.destroy();
      this.groups = names;
      this.u = this.create(names, data);
      return;
    }
    this.u.setData(data);
  }

  private create(names: string[], data: uPlot.AlignedData): uPlot {
    const bars = uPlot.paths.bars!({ size: [0.7, 48] });
    const opts: uPlot.Options = {
      width: widthOf(this.element), height: this.height,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, REASONS.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { ...axisStyle(), splits: () => REASONS.map((_, i) => i), values: (_u, splits) => splits.map((i) => SHORT[REASONS[i]] ?? ''), rotate: 0, size: 28 },
        { ...axisStyle(), size: 44 },
      ],
      series: [{ label: 'reason' }, ...names.map((name, k) => ({ label: name, fill: seriesColour(k), stroke: seriesColour(k), width: 0, paths: bars, points: { show: false } }))],
    };
    const u = new uPlot(opts, data, this.element);
    followWidth(u, this.element, this.height);
    return u;
  }
}

export interface TimelinePoint { time: number; reason: ExitReasonName; group: string; seq: number }

/** One dot per exit: x = machine time, y = its reason; click a dot to pick that exit. */
export class ExitTimeline {
  private u: uPlot | undefined;
  private groups: string[] = [];
  private points: TimelinePoint[] = [];
  readonly element: HTMLElement = h('div', { class: 'chart exit-timeline' });

  constructor(private readonly onPick: (seq: number) => void, private readonly height = 170) {}

  update(points: TimelinePoint[]): void {
    this.points = [...points].sort((a, b) => a.time - b.time || a.seq - b.seq);
    const groups = [...new Set(this.points.map((p) => p.group))];
    const xs = this.points.map((p) => p.time);
    const data: uPlot.AlignedData = [xs, ...groups.map((g) => this.points.map((p) => (p.group === g ? REASONS.indexOf(p.reason) : null)))];
    if (!this.u || groups.join('\n') !== this.groups.join('\n')) {
      this.u?.destroy();
      this.groups = groups;
      this.u = this.create(groups, data);
      return;
    }
    this.u.setData(data);
  }

  private create(groups: string[], data: uPlot.AlignedData): uPlot {
    const opts: uPlot.Options = {
      width: widthOf(this.element), height: this.height,
      legend: { show: true, live: false },
      cursor: { points: { show: true }, drag: { x: true, y: false } },
      scales: { x: { time: false }, y: { range: [-0.5, REASONS.length - 0.5] } },
      axes: [
        { ...axisStyle(), values: (_u, splits) => timeLabels(splits), size: 28 },
        { ...axisStyle(), splits: () => REASONS.map((_, i) => i), values: (_u, splits) => splits.map((i) => SHORT[REASONS[i]] ?? ''), size: 64 },
      ],
      series: [{ label: 'time' }, ...groups.map((g, k) => ({ label: g, stroke: seriesColour(k), fill: seriesColour(k), paths: () => null, points: { show: true, size: 6, width: 1 } }))],
    };
    const u = new uPlot(opts, data, this.element);
    u.over.addEventListener('click', () => {
      const i = u.cursor.idx;
      if (i !== null && i !== undefined && this.points[i]) this.onPick(this.points[i].seq);
    });
    followWidth(u, this.element, this.height);
    return u;
  }
}

/** Numbers on a chart's axis: 950, 12k, 3.4M. */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(0)}k`;
  return String(+v.toFixed(a < 10 && a % 1 ? 2 : 0));
}

/**
 * Bars per mode (the mode comparison): one bar per mode, a single series or several stacked
 * (exits by reason). A null value draws no bar (a mode that did not run).
 */
export class ModeBars {
  private u: uPlot | undefined;
  private signature = '';
  readonly element: HTMLElement;

  constructor(kind: string, private readonly height = 170) {
    this.element = h('div', { class: `chart mode-bars ${kind}` });
  }

  update(modes: string[], series: { label: string; values: (number | null)[]; colour?: string }[], format: (v: number) => string = compact): void {
    // Stacked: series k is the sum of series k..end, drawn first so the later ones sit on top.
    const stacked = series.map((_, k) => modes.map((_m, i) => {
      const parts = series.slice(k).map((s) => s.values[i]);
      return parts.every((p) => p === null) ? null : parts.reduce<number>((a, p) => a + (p ?? 0), 0);
    }));
    const data: uPlot.AlignedData = [modes.map((_, i) => i), ...stacked];
    const signature = JSON.stringify([modes, series.map((s) => [s.label, s.colour])]);
    if (this.u && signature === this.signature) { this.u.setData(data); return; }
    this.u?.destroy();
    this.signature = signature;
    const bars = uPlot.paths.bars!({ size: [0.6, 80] });
    const opts: uPlot.Options = {
      width: widthOf(this.element), height: this.height,
      legend: { show: series.length > 1, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, modes.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.12)] } },
      axes: [
        { ...axisStyle(), splits: () => modes.map((_, i) => i), values: (_u, splits) => splits.map((i) => modes[i] ?? ''), size: 28 },
        { ...axisStyle(), values: (_u, splits) => splits.map(format), size: 48 },
      ],
      series: [{ label: 'mode' }, ...series.map((s, k) => ({ label: s.label, fill: s.colour ?? seriesColour(k), stroke: s.colour ?? seriesColour(k), width: 0, paths: bars, points: { show: false } }))],
    };
    this.u = new uPlot(opts, data, this.element);
    followWidth(this.u, this.element, this.height);
  }
}
