/** Human names of trap causes, for statistics, stop reasons and exception breakpoints. */
const EXCEPTIONS: Record<number, string> = {
  0: 'instruction address misaligned', 1: 'instruction access fault', 2: 'illegal instruction', 3: 'breakpoint',
  4: 'load address misaligned', 5: 'load access fault', 6: 'store/AMO address misaligned', 7: 'store/AMO access fault',
  8: 'ecall from U-mode', 9: 'ecall from S-mode', 10: 'ecall from VS-mode', 11: 'ecall from M-mode',
  12: 'instruction page fault', 13: 'load page fault', 15: 'store/AMO page fault',
  20: 'instruction guest-page fault', 21: 'load guest-page fault', 22: 'virtual instruction', 23: 'store/AMO guest-page fault',
};
const INTERRUPTS: Record<number, string> = {
  1: 'supervisor software interrupt', 2: 'virtual supervisor software interrupt', 3: 'machine software interrupt',
  5: 'supervisor timer interrupt', 6: 'virtual supervisor timer interrupt', 7: 'machine timer interrupt',
  9: 'supervisor external interrupt', 10: 'virtual supervisor external interrupt', 11: 'machine external interrupt',
  12: 'supervisor guest external interrupt',
};

export function causeName(cause: number, interrupt: boolean): string {
  return (interrupt ? INTERRUPTS : EXCEPTIONS)[cause] ?? `${interrupt ? 'interrupt' : 'exception'} ${cause}`;
}
