/**
 * The reference hart has exactly Hyperstep's extensions: QEMU 7.2's default rv32 CPU also has
 * F, D, Zba/Zbb/Zbc/Zbs, Sstc and debug triggers, which would show in misa, mstatus.FS and
 * in which encodings are legal. H stays on, as in QEMU's default and Hyperstep's.
 */
export const QEMU_CPU = 'rv32,f=false,d=false,h=true,zba=false,zbb=false,zbc=false,zbs=false,sstc=false,debug=false';
