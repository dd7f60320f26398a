/**
 * Places where QEMU 7.2 (our reference machine) differs from the letter of the privileged spec,
 * and Hyperstep follows QEMU so programs behave identically. Each is a named constant so the
 * divergence is visible and testable.
 */

/** QEMU 7.2 helper_mret raises illegal instruction for an mret to S/U while no PMP entry is active. */
export const PMP_NO_RULES_MRET_QUIRK = true;
