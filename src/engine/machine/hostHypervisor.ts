import type { Hart } from '../cpu/hart';
import type { DeviceEvent } from '../devices/device';
import type { StopEvent } from './machine';

/**
 * Hypervisor software written in host code (the VMM, src/engine/vmm) that owns the harts'
 * HS-mode, as the built-in SBI owns M-mode. The machine stays a board: it runs harts and calls
 * the hypervisor around every slice, so scheduling, time travel and stepping work the same with
 * or without it. The hypervisor handles what the guests' traps into HS-mode ask for (VM exits),
 * puts vCPUs on harts, and keeps its own state in snapshots.
 */
export interface HostHypervisor {
  /** After a machine reset: set the harts up and boot the guests. */
  reset(): void;
  /**
   * Called before and after every slice of hart `h`: handle an exit the hart took, schedule a
   * vCPU on it, and set `h.waiting` when nothing can run there. A StopEvent stops the run (a
   * debugger asked to stop at this exit); the next call carries on from where it stopped.
   */
  service(h: Hart): StopEvent | undefined;
  /** The next machine time (mtime ticks) at which the hypervisor must act, or Infinity. */
  nextDeadline(): number;
  /** Machine time has reached `now` (mtime ticks): fire guest timers, end time slices. */
  updateTimers(now: number): void;
  /** Host input (the user's terminal) for the guests' consoles. */
  receiveInput(bytes: ArrayLike<number>): void;
  snapshot(): unknown;
  restore(state: unknown): void;
}

/** What the machine offers host-code software besides its harts and bus. */
export interface HostServices {
  /** mtime now (ticks), including the progress of the running slice. */
  mtime(): number;
  /** Reports a device event (muted while time travel re-executes); `exit` ends the run. */
  emitDeviceEvent(e: DeviceEvent): void;
  /** Time the host software spent, in instructions: the clock advances, guests see it pass. */
  spendHostInstructions(n: number): void;
}
