/**
 * The SBI (RISC-V Supervisor Binary Interface v2.0): call decoding and handlers that any
 * supervisor-execution environment reuses (abi, dispatch, the per-extension handlers, over the
 * SbiEnvironment interface), and the built-in bare-metal firmware that implements it on the
 * QEMU-virt machine (`sbi: 'builtin'`).
 */
export * from './abi';
export { SbiEnvironment } from './environment';
export { handleSbiCall, isSupportedExtension, SUPPORTED_EXTENSIONS } from './dispatch';
export { selectHarts, HART_MASK_BASE_ALL } from './hartMask';
export { BuiltinSbi, BuiltinSbiState, FirmwareBoard, OPENSBI_MEDELEG, OPENSBI_MIDELEG } from './firmware';
