/**
 * Where QEMU 7.2 (our reference machine) and the privileged spec part ways.
 *
 * Hyperstep follows QEMU where the spec leaves the choice to the implementation (WARL fields,
 * tval for ebreak, misaligned loads and stores, A/D updates, reserved PTE bits), so programs
 * behave identically. Each such place says "QEMU 7.2" in a comment where it applies; the one
 * that changes control flow is named here.
 *
 * Hyperstep follows the spec, not QEMU, where QEMU contradicts it (the differential corpus
 * avoids printing these; unit tests pin the architected behaviour):
 * - Interrupt priority within a privilege level: MEI > MSI > MTI > SEI > SSI > STI.
 *   QEMU 7.2 without AIA takes the lowest-numbered pending interrupt first.
 * - mret/sret to a mode below M clear mstatus.MPRV (1.12); QEMU 7.2 leaves it set.
 * - AMOs raise store/AMO causes (6 misaligned, 15 page fault, 7 access fault); QEMU 7.2 raises
 *   load causes (4, 13, 5) when the read half fails first.
 */

/**
 * With `qemuCompat` (machine option `compat: 'qemu-7.2'`, CLI `--compat qemu-7.2`) the hart
 * follows QEMU in each of the above too, so programs can be compared with QEMU output line for
 * line; the differential corpus runs that way. Also under that option:
 * QEMU 7.2 helper_mret raises illegal instruction for an mret to S/U while no PMP entry is active.
 */
export const PMP_NO_RULES_MRET_QUIRK = true;
