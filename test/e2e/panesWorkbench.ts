import type { Frame, Page } from 'playwright-core';
import { waitFor } from './workbench';

/**
 * The Hyperstep panes in the workbench, in playwright terms (the panes e2e tests share them):
 * the activity-bar container, one pane at a time, a pane's webview frame and text, the sidebar's
 * width, and the "MMIO access" VM-exit filter with a condition.
 */

export const PANES = [
  { view: 'vcpus', title: 'vCPUs' },
  { view: 'pageTables', title: 'Page Tables' },
  { view: 'devices', title: 'Devices' },
  { view: 'exits', title: 'VM Exits' },
];

/** The webview frame of a pane (VS Code nests each webview's document in an iframe). */
export async function paneFrame(page: Page, view: string): Promise<Frame> {
  return waitFor(`the ${view} pane's webview`, async () => {
    for (const f of page.frames()) {
      const v = await f.evaluate('document.body && document.body.dataset.view').catch(() => undefined);
      if (v === view) return f;
    }
    return undefined;
  }, 60_000);
}

/**
 * The text of `selector` in a pane, or undefined. The frame is looked up every time: VS Code
 * drops a webview when its view is hidden (another container shown) and builds it again.
 */
export async function paneText(page: Page, view: string, selector: string): Promise<string | undefined> {
  for (const f of page.frames()) {
    const v = await f.evaluate('document.body && document.body.dataset.view').catch(() => undefined);
    if (v !== view) continue;
    return f.locator(selector).first().innerText({ timeout: 2000 }).catch(() => undefined);
  }
  return undefined;
}

/** Expands one pane and collapses the others, so it gets the sidebar's height. */
export async function showOnly(page: Page, title: string): Promise<void> {
  for (const p of PANES) {
    const header = page.locator('.pane-header', { hasText: new RegExp(`^\\s*${p.title}\\s*$`, 'i') }).first();
    const open = (await header.getAttribute('aria-expanded')) === 'true';
    if ((p.title === title) !== open) await header.click();
  }
}

export async function openHyperstepContainer(page: Page): Promise<void> {
  const header = page.locator('.pane-header', { hasText: /^\s*vCPUs\s*$/i }).first();
  await waitFor('the Hyperstep panes', async () => {
    if (await header.isVisible().catch(() => false)) return true;
    await page.locator('.activitybar .action-item a[aria-label^="Hyperstep"]').click();
    return false;
  }, 20_000);
}

/** The text of the editor line the cursor is on. */
export async function currentLineText(page: Page): Promise<string> {
  const marker = await page.locator('.monaco-editor .view-overlays .current-line').first().boundingBox();
  if (!marker) return '';
  for (const line of await page.locator('.monaco-editor .view-lines .view-line').all()) {
    const b = await line.boundingBox();
    if (b && Math.abs(b.y - marker.y) < 3) return ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
  }
  return '';
}

/** Drags the sidebar's edge so the panes get room (a wide sidebar for the screenshots). */
export async function widenSidebar(page: Page, x: number): Promise<void> {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar || bar.width >= x - bar.x - 5) return;
  const edge = bar.x + bar.width;
  await page.mouse.move(edge - 1, bar.y + 300);
  await page.mouse.down();
  await page.mouse.move(x, bar.y + 300, { steps: 10 });
  await page.mouse.up();
  await page.mouse.move(1400, 900);
}

/** Run and Debug: turns on the "MMIO access" VM-exit filter with `condition` (e.g. `gpa == 0x100000`). */
export async function enableMmioFilter(page: Page, condition: string): Promise<void> {
  await page.keyboard.press('Control+Shift+D');
  const filter = page.locator('.debug-breakpoints .monaco-list-row', { hasText: /^\s*MMIO access/ }).first();
  await waitFor('the "MMIO access" filter in the Breakpoints view', async () => {
    if (await filter.isVisible().catch(() => false)) return true;
    await page.locator('.debug-breakpoints').hover().catch(() => undefined);
    await page.mouse.wheel(0, 200);
    return false;
  }, 30_000);
  const box = filter.locator('input[type="checkbox"]');
  if (!(await box.isChecked())) await box.click();
  await filter.hover();
  await filter.locator('.action-label.codicon-edit, .codicon-debug-breakpoint-conditional, a[aria-label*="Condition" i]').first().click();
  const input = page.locator('.debug-breakpoints .monaco-inputbox input, .debug-breakpoints textarea').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(condition);
  await page.keyboard.press('Enter');
}
