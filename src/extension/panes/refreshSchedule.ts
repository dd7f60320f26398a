/**
 * When the panes re-read the session (vscode-free): once on every stop, and while the program
 * runs at most `hz` times a second (DESIGN: live at most 10 Hz). While stopped nothing ticks, so
 * a stopped pane shows the state of the stop and stays still.
 */

export type RefreshReason = 'stopped' | 'tick';
export const MAX_REFRESH_HZ = 10;

export interface Ticker { setInterval(f: () => void, ms: number): unknown; clearInterval(handle: unknown): void }

export class RefreshSchedule {
  private handle: unknown;
  private hz: number;
  running = false;

  constructor(private readonly refresh: (reason: RefreshReason) => void, hz: number,
    private readonly ticker: Ticker = { setInterval: (f, ms) => setInterval(f, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) }) {
    this.hz = clampHz(hz);
  }

  /** The interval between refreshes while running. */
  get periodMs(): number { return 1000 / this.hz; }

  setHz(hz: number): void {
    this.hz = clampHz(hz);
    if (this.running) { this.stopTicking(); this.startTicking(); }
  }

  continued(): void {
    if (this.running) return;
    this.running = true;
    this.startTicking();
  }

  stopped(): void {
    this.running = false;
    this.stopTicking();
    this.refresh('stopped');
  }

  /** The session ended (or another became active): no more ticks. */
  ended(): void {
    this.running = false;
    this.stopTicking();
  }

  private startTicking(): void {
    this.handle = this.ticker.setInterval(() => this.refresh('tick'), this.periodMs);
  }

  private stopTicking(): void {
    if (this.handle !== undefined) this.ticker.clearInterval(this.handle);
    this.handle = undefined;
  }
}

export function clampHz(hz: number): number {
  return Number.isFinite(hz) ? Math.min(MAX_REFRESH_HZ, Math.max(0.5, hz)) : MAX_REFRESH_HZ;
}
