/**
 * The reference hart has exactly Hyperstep's extensions: QEMU 7.2's default rv32 CPU also has
 * F, D, H, Zba/Zbb/Zbc/Zbs, Sstc and debug triggers, which would show in misa, mstatus.FS and
 * in which encodings are legal.
 */
export const QEMU_CPU = 'rv32,f=false,d=false,h=false,zba=false,zbb=false,zbc=false,zbs=false,sstc=false,debug=false';
