/**
 * A tiny DOM builder: guest-controlled text (VM names, exit summaries) only ever becomes text
 * nodes, never markup.
 */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, String(v));
  }
  append(e, children);
  return e;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces everything in `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** 0x-prefixed hex, zero-padded to `digits`. */
export function hex(v: number | null | undefined, digits = 8): string {
  if (v === null || v === undefined) return '—';
  return '0x' + v.toString(16).padStart(digits, '0');
}

/** Bytes with binary prefixes: 4 KiB, 4 MiB. */
export function size(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes >>> 20} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes >>> 10} KiB`;
  return `${bytes} B`;
}

/** A coloured tag: `state-running`, `tlb-hit`, ... (colours in panes.css). */
export function tag(text: string, kind: string): HTMLElement {
  return h('span', { class: `tag ${kind}` }, text);
}
