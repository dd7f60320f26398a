import type { Locator, Page } from 'playwright-core';

/**
 * What a person does in the VS Code workbench, in playwright terms: open a file, go to a line,
 * click the gutter, read the Variables view and the terminal. Selectors are VS Code 1.100's.
 */

export const log = (s: string): void => { if (process.env.HYPERSTEP_E2E_VERBOSE) console.log(`      [e2e] ${s}`); };

/** Polls until probe returns something truthy; the error names what never happened. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The y-centre of the rendered editor line whose text matches, or undefined. */
export async function lineCentre(page: Page, text: RegExp): Promise<number | undefined> {
  const lines = page.locator('.monaco-editor .view-lines .view-line');
  const n = await lines.count();
  for (let i = 0; i < n; i++) {
    const t = (await lines.nth(i).textContent())?.replace(/\u00a0/g, ' ') ?? '';
    if (text.test(t)) {
      const box = await lines.nth(i).boundingBox();
      if (box) return box.y + box.height / 2;
    }
  }
  return undefined;
}

/** Quick Open (Ctrl+P) a workspace file by name. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(name);
  await waitFor(`${name} in Quick Open`, async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).count()) > 0, 10_000);
  await page.keyboard.press('Enter');
}

/** Go to Line (Ctrl+G), so the line is rendered and the cursor is on it. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

const breakpointCount = (page: Page): Promise<number> => page.locator('.monaco-editor .codicon-debug-breakpoint').count();

/** Clicks the glyph margin beside the (rendered) line matching `text`: sets or clears a breakpoint. */
export async function clickGutter(page: Page, text: RegExp): Promise<void> {
  const y = await waitFor(`the line ${text} in the editor`, () => lineCentre(page, text));
  const margin = await page.locator('.monaco-editor .margin').first().boundingBox();
  if (!margin) throw new Error('no editor margin');
  const before = await breakpointCount(page);
  // VS Code shows a faint hint when the pointer is over the glyph margin of a line that can
  // take a breakpoint (once the extension's debugger is known); wait for it, then click.
  await waitFor('the breakpoint hint in the gutter', async () => {
    // With a breakpoint already set the debugger is known: no need to wait for the hint.
    if (before > 0) return true;
    await page.mouse.move(margin.x + 40, y);
    await page.mouse.move(margin.x + 8, y);
    return (await page.locator('.monaco-editor .codicon-debug-hint').count()) > 0;
  }, 30_000);
  await page.mouse.click(margin.x + 8, y);
  await waitFor('the breakpoint glyph to change', async () => (await breakpointCount(page)) !== before, 10_000);
  await page.mouse.move(900, 700);
}

/** The paused-frame marker's line matches `text` (and is highlighted). */
export async function pausedOn(page: Page, text: RegExp): Promise<boolean> {
  const marker = page.locator('.monaco-editor .codicon-debug-stackframe');
  if ((await marker.count()) === 0) return false;
  const box = await marker.first().boundingBox();
  const y = await lineCentre(page, text);
  return !!box && y !== undefined && Math.abs(box.y + box.height / 2 - y) < 6
    && (await page.locator('.monaco-editor .debug-top-stack-frame-line').count()) > 0;
}

/** Makes the Variables view tall: folds Watch and Breakpoints and drags the sash below it down. */
export async function enlargeVariablesView(page: Page): Promise<void> {
  for (const title of ['Watch', 'Breakpoints']) {
    const header = page.locator('.debug-viewlet .pane-header[aria-expanded="true"]', { hasText: new RegExp(`^\\s*${title}`, 'i') });
    if (await header.count()) await header.first().click();
  }
  const watch = await page.locator('.debug-viewlet .pane-header', { hasText: /^\s*Watch/i }).first().boundingBox();
  if (watch) {
    await page.mouse.move(watch.x + 100, watch.y - 1);
    await page.mouse.down();
    await page.mouse.move(watch.x + 100, watch.y + 260, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(900, 700);
  }
}

/** The Variables view's rows as `name = value` lines, scrolling its virtual list to `want`. */
export async function variablesText(page: Page, want: RegExp): Promise<string | undefined> {
  const view = page.locator('.debug-variables');
  const rows = await view.locator('.monaco-list-row').allInnerTexts();
  // A row's name, '=' and value are separate elements: one line per row.
  const text = rows.map((r) => r.replace(/\s+/g, ' ').trim()).join('\n');
  if (want.test(text)) return text;
  // Rows below the fold are not in the page until scrolled to; collapsed scopes need a click.
  const collapsed = view.locator('.monaco-list-row[aria-expanded="false"]', { hasText: /regist|general|integer/i });
  if (await collapsed.count()) await collapsed.first().click();
  else {
    await view.hover();
    await page.mouse.wheel(0, 60);
    await page.mouse.move(900, 700);
  }
  return undefined;
}

/** The text of the terminal panel (the DOM renderer keeps it in the page). */
export async function terminalText(page: Page): Promise<string> {
  return (await page.locator('.terminal-wrapper .xterm-rows').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}

export async function terminalTabExists(page: Page, name: string): Promise<boolean> {
  return (await page.locator(`.terminal-tabs-entry, .single-terminal-tab, .tabs-container, [aria-label*="${name}"]`, { hasText: name }).count()) > 0
    || (await page.locator(`[aria-label*="${name}"]`).count()) > 0;
}

/** The title of the active editor tab (the file the editor shows). */
export async function activeEditorTitle(page: Page): Promise<string> {
  return (await page.locator('.editor-group-container.active .tab.active .label-name').first().innerText()).trim();
}

const rowText = (s: string): string => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * The Variables view's row whose `name = value` text matches `label`: looks from the top of the
 * view down, scrolling its virtual list, since rows below the fold are not in the page.
 */
export async function variablesRow(page: Page, label: RegExp): Promise<{ row: Locator; text: string } | undefined> {
  const view = page.locator('.debug-variables');
  const rows = view.locator('.monaco-list-row');
  await view.hover();
  await page.mouse.wheel(0, -100_000);
  const rendered = async (): Promise<string[]> => (await rows.allInnerTexts()).map(rowText);
  await waitFor('the Variables view to render', async () => (await rows.count()) > 0, 5_000);
  for (;;) {
    const texts = await rendered();
    const i = texts.findIndex((t) => label.test(t));
    if (i >= 0) { await page.mouse.move(900, 700); return { row: rows.nth(i), text: texts[i] }; }
    const now = texts.join('\n');
    await page.mouse.wheel(0, 120);
    // A scroll that shows nothing new: the bottom of the list, and no such row.
    const moved = await waitFor('the Variables view to scroll', async () => (await rendered()).join('\n') !== now, 1_500).catch(() => false);
    if (!moved) { await page.mouse.move(900, 700); return undefined; }
  }
}

/** Expands (or, with `expanded` false, collapses) the Variables view's scope or variable `label`. */
export async function expandVariable(page: Page, label: RegExp, expanded = true): Promise<void> {
  await waitFor(`${label} ${expanded ? 'expanded' : 'collapsed'} in the Variables view`, async () => {
    const found = await variablesRow(page, label);
    if (!found) return false;
    const state = await found.row.getAttribute('aria-expanded');
    if (state === String(expanded)) return true;
    await found.row.click();
    await page.mouse.move(900, 700);
    return false;
  }, 15_000);
}

/** The Call Stack view's frames, top first, each as `name file line:column`. */
export async function callStackFrames(page: Page): Promise<string[]> {
  const rows = page.locator('.debug-call-stack .monaco-list-row .stack-frame');
  return (await rows.allInnerTexts()).map(rowText);
}

/** Shows the Debug Console, types `line` into its input and presses Enter. */
export async function debugConsoleRun(page: Page, line: string): Promise<void> {
  await page.locator('.panel .composite-bar .action-item', { hasText: /debug console/i }).first().click();
  const input = page.locator('.repl-input-wrapper .monaco-editor').first();
  await input.waitFor({ timeout: 10_000 });
  await input.click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The Debug Console's rendered text. */
export async function debugConsoleText(page: Page): Promise<string> {
  return (await page.locator('.repl .monaco-list-rows').first().innerText()).replace(/\u00a0/g, ' ');
}

/** What the Call Stack view's header says about the session ("Paused on breakpoint"). */
export async function callStackState(page: Page): Promise<string> {
  return rowText(await page.locator('.debug-viewlet .pane-header', { hasText: /call stack/i }).first().innerText());
}

/** Drags the side bar's right edge so the side bar is `width` pixels wide (long values stay readable). */
export async function resizeSideBar(page: Page, width: number): Promise<void> {
  const bar = await page.locator('.part.sidebar').first().boundingBox();
  if (!bar) throw new Error('no side bar');
  const edge = bar.x + bar.width, y = bar.y + bar.height / 2;
  await page.mouse.move(edge - 1, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(900, 700);
  await waitFor(`the side bar ${width} px wide`, async () => Math.abs(((await page.locator('.part.sidebar').first().boundingBox())?.width ?? 0) - width) < 8, 5_000);
}
