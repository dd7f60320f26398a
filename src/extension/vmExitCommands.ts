import * as vscode from 'vscode';
import { STEP_OVER_EXIT, STEP_TO_NEXT_EXIT } from '../debugAdapter/customRequests';
import { FocusedItem, stoppedThread, threadForRequest } from './vmExitThread';

/**
 * The debug toolbar buttons (and command palette entries) of the built-in VMM: "Step to Next VM
 * Exit" and "Step Over VM Exit" send their custom requests to the active Hyperstep session, for
 * the thread in focus. package.json shows them only in hyperstep sessions, enabled when stopped.
 */
export function registerVmExitCommands(): vscode.Disposable[] {
  const lastStopped = new Map<string, number>();
  const send = (request: string) => async (): Promise<void> => {
    const session = vscode.debug.activeDebugSession;
    if (!session || session.type !== 'hyperstep') {
      void vscode.window.showErrorMessage('Hyperstep: no Hyperstep debug session is active.');
      return;
    }
    const item = vscode.debug.activeStackItem;
    const focused: FocusedItem | undefined = item ? { sessionId: item.session.id, threadId: item.threadId } : undefined;
    try {
      await session.customRequest(request, { threadId: threadForRequest(session.id, focused, lastStopped.get(session.id)) });
    } catch (e) {
      void vscode.window.showErrorMessage(`Hyperstep: ${(e as Error).message}`);
    }
  };
  return [
    vscode.debug.registerDebugAdapterTrackerFactory('hyperstep', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: unknown) => { const t = stoppedThread(m); if (t !== undefined) lastStopped.set(session.id, t); },
      }),
    }),
    vscode.debug.onDidTerminateDebugSession((s) => lastStopped.delete(s.id)),
    vscode.commands.registerCommand('hyperstep.stepToNextExit', send(STEP_TO_NEXT_EXIT)),
    vscode.commands.registerCommand('hyperstep.stepOverExit', send(STEP_OVER_EXIT)),
  ];
}
