/**
 * Names of the adapter's custom DAP requests that clients send (the VS Code extension's commands
 * and panes). No vscode, no session: the extension imports these without the adapter.
 */

/** Runs until the vCPU's next VM exit of any reason (built-in VMM): `{ threadId }`. */
export const STEP_TO_NEXT_EXIT = 'hyperstep/stepToNextExit';

/** Runs the vCPU until it is back in its guest after the exit its current instruction causes: `{ threadId }`. */
export const STEP_OVER_EXIT = 'hyperstep/stepOverExit';

/** Bytes for the UART receiver: `{ text }` or `{ data }` (base64). */
export const UART_INPUT = 'uartInput';
