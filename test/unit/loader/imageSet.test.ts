import * as assert from 'assert';
import { assemble } from '../../../src/engine/asm';
import { ElfImage } from '../../../src/engine/loader/elf';
import { combineImages, imageBase, placeImage } from '../../../src/engine/loader/imageSet';
import { Machine } from '../../../src/engine/machine/machine';

/*
 * A guest linked at its guest-physical base (0x80000000) and loaded at 0x80200000 in host memory,
 * as `qemu-system-riscv32 -device loader,file=guest.bin,addr=0x80200000` places it: the host
 * program must find the guest's bytes there, and its own code where it was linked.
 */

function image(src: string, textBase?: number): ElfImage {
  const r = assemble([{ path: 'x.s', text: src }], textBase === undefined ? {} : { textBase });
  assert.ok(r.image, r.diagnostics.map((d) => d.message).join('\n'));
  return r.image!;
}

const HOST = `
  .globl _start
_start:
  li t0, 0x80200000
  lw a0, 0(t0)      # the guest's first word
  lw a1, 4(t0)
  li t1, 0x100000
  li t2, 0x5555
1: j 1b
`;
const GUEST = `
_start:
  addi a0, a0, 0x123
  lui a1, 0x54321
`;

describe('loader: several images (hypervisor + guest)', () => {
  it('moves the guest to its load address and keeps the host at its link address', () => {
    const guest = image(GUEST);
    const host = image(HOST, 0x80000000);
    assert.strictEqual(imageBase(guest), 0x80000000);
    const boot = combineImages([{ image: host, name: 'hyp.s' }, { image: guest, load: 0x80200000, name: 'guest.s' }]);
    assert.strictEqual(boot.entry, host.entry);
    const m = new Machine({ memory: 16 << 20 });
    m.load(boot);
    m.run(200);
    const h = m.harts[0];
    const g = guest.segments.find((s) => s.flags & 1)!.data;
    const word = (o: number) => (g[o] | (g[o + 1] << 8) | (g[o + 2] << 16) | (g[o + 3] << 24)) | 0;
    assert.strictEqual(h.x[10], word(0));
    assert.strictEqual(h.x[11], word(4));
    // The guest's virtual addresses are untouched: its symbols still name guest addresses.
    assert.strictEqual(placeImage(guest, 0x80200000).segments[0].vaddr, guest.segments[0].vaddr);
  });

  it('refuses images that overlap in physical memory, naming both', () => {
    const a = image(HOST), b = image(GUEST);
    assert.throws(() => combineImages([{ image: a, name: 'hyp.s' }, { image: b, name: 'guest.s' }]), /guest\.s .*overlaps hyp\.s/);
    assert.throws(() => combineImages([]), /no images/);
  });
});
