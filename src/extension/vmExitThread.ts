/**
 * Which thread the VM exit toolbar buttons act on: the thread the user is looking at in the
 * Call Stack view when it belongs to the session, else the one that stopped last, else the
 * first. No vscode import (the commands in vmExitCommands.ts are the thin adapter).
 */
export interface FocusedItem { sessionId: string; threadId: number }

export function threadForRequest(sessionId: string, focused: FocusedItem | undefined, lastStopped: number | undefined): number {
  if (focused && focused.sessionId === sessionId && Number.isInteger(focused.threadId) && focused.threadId > 0) return focused.threadId;
  return lastStopped ?? 1;
}

/** The thread of a DAP `stopped` event the adapter sent, if `message` is one. */
export function stoppedThread(message: unknown): number | undefined {
  const m = message as { type?: string; event?: string; body?: { threadId?: unknown } } | undefined;
  if (m?.type !== 'event' || m.event !== 'stopped') return undefined;
  return typeof m.body?.threadId === 'number' ? m.body.threadId : undefined;
}
