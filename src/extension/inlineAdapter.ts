import type * as vscode from 'vscode';
import { createDebugSession } from '../debugAdapter/main';

/**
 * The debug adapter running inside the extension host (`hyperstep.debugAdapter`: "inline"):
 * the same session the separate process runs, handed to VS Code directly. @vscode/debugadapter's
 * sessions implement VS Code's DebugAdapter interface (handleMessage / onDidSendMessage) with
 * their own Event type, hence the cast.
 */
export function createInlineSession(): vscode.DebugAdapter {
  return createDebugSession() as unknown as vscode.DebugAdapter;
}
