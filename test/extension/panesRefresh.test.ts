import * as assert from 'assert';
import { paneHtml } from '../../src/extension/panes/paneHtml';
import { RefreshReason, RefreshSchedule } from '../../src/extension/panes/refreshSchedule';

/**
 * When the panes refresh (DESIGN: on every stop, live at most 10 Hz while running) and the page
 * they load, checked with a ticker the test drives by hand (no real time).
 */

class HandTicker {
  intervals = new Map<number, { f: () => void; ms: number }>();
  private next = 1;
  setInterval(f: () => void, ms: number): unknown { const id = this.next++; this.intervals.set(id, { f, ms }); return id; }
  clearInterval(h: unknown): void { this.intervals.delete(h as number); }
  fire(): void { for (const i of [...this.intervals.values()]) i.f(); }
}

describe('panes: refresh schedule and page', () => {
  it('refreshes once per stop, ticks only while running, never faster than 10 Hz', () => {
    const seen: RefreshReason[] = [];
    const ticker = new HandTicker();
    const s = new RefreshSchedule((r) => seen.push(r), 50, ticker);
    assert.strictEqual(s.periodMs, 100, '50 Hz asked, 10 Hz given');
    s.stopped();
    assert.deepStrictEqual(seen, ['stopped']);
    assert.strictEqual(ticker.intervals.size, 0, 'nothing ticks while stopped');
    s.continued();
    s.continued();
    assert.strictEqual(ticker.intervals.size, 1, 'one timer however often the run is announced');
    assert.strictEqual([...ticker.intervals.values()][0].ms, 100);
    ticker.fire(); ticker.fire();
    assert.deepStrictEqual(seen, ['stopped', 'tick', 'tick']);
    s.setHz(2);
    assert.deepStrictEqual([...ticker.intervals.values()].map((i) => i.ms), [500]);
    s.stopped();
    assert.strictEqual(ticker.intervals.size, 0);
    assert.deepStrictEqual(seen, ['stopped', 'tick', 'tick', 'stopped']);
    s.continued();
    s.ended();
    assert.strictEqual(ticker.intervals.size, 0, 'a session that ended does not tick');
    assert.strictEqual(new RefreshSchedule(() => undefined, Number.NaN, ticker).periodMs, 100);
  });

  it('writes a page whose only script is the nonce\'d loader, with the bundle address quoted', () => {
    const html = paneHtml({ view: 'exits', scriptUri: 'https://x.test/a"</script><b>.js', cspSource: 'https://x.test', nonce: 'n0nce' });
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.strictEqual((html.match(/<script\b/g) ?? []).length, 1);
    assert.strictEqual((html.match(/<\/script>/g) ?? []).length, 1, 'the address cannot close the script');
    assert.match(html, /<body data-view="exits">/);
  });
});
