/**
 * The consoles of several VMs in one output stream: every line starts with its VM's name
 * (`[vm1] hello`). Bytes pass through as they come (a prompt without a newline still shows);
 * when another VM's output arrives in the middle of a line, that line is ended first, so each
 * line holds one VM's text. With one VM nothing is added.
 */
export class VmConsoleLines {
  /** The VM whose line is open (printed without its newline yet). */
  private open: string | undefined;
  private readonly prefixes = new Map<string, number[]>();

  constructor(private readonly several: boolean) {}

  /** Appends the bytes to show for `byte` from VM `vm` to `out`. */
  push(vm: string, byte: number, out: number[]): void {
    if (!this.several) { out.push(byte); return; }
    if (this.open !== vm) {
      if (this.open !== undefined) out.push(10);
      out.push(...this.prefix(vm));
      this.open = vm;
    }
    out.push(byte);
    if (byte === 10) this.open = undefined;
  }

  private prefix(vm: string): number[] {
    let p = this.prefixes.get(vm);
    if (!p) { p = [...Buffer.from(`[${vm}] `, 'utf8')]; this.prefixes.set(vm, p); }
    return p;
  }
}
