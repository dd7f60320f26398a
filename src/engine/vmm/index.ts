export { Vmm, VMM_VECTOR } from './vmm';
export type { VmSpec, ExitInProgress } from './vmm';
export { Vm } from './vm';
export { Vcpu } from './vcpu';
export type { VcpuRunState } from './vcpu';
export { EXIT_REASONS, EXIT_REASON_LABELS } from './exits';
export type { ExitReason, ExitDetail, ExitRecord, VmExit } from './exits';
export type { PagingMode, PagingKind } from './pagingMode';
export { createVmmMachine } from './vmmMachine';
