/**
 * The debugger's two-stage walk (src/debugAdapter/twoStageWalk.ts), side-effect free, against
 * two references: the engine's TwoStageMmu (the hart's executing walk) on the same page tables,
 * and hand-built tables whose memory references follow from the privileged spec's algorithm
 * ("Two-Stage Address Translation": every VS-stage PTE address is a guest-physical address the
 * G stage translates; Sv32x4's root is 16 KiB, indexed by GPA bits 33:22; G-stage leaves need U).
 */
import * as assert from 'assert';
import { Bus } from '../../src/engine/machine/bus';
import { Access, Pmp } from '../../src/engine/mmu/pmp';
import { TwoStageFault, TwoStageMmu } from '../../src/engine/mmu/twoStage';
import { formatTwoStageWalk, walkGStage, walkTwoStage } from '../../src/debugAdapter/twoStageWalk';

const RAM = 0x80000000, SIZE = 16 << 20;
const V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128;

function memory() {
  const bus = new Bus(RAM, SIZE);
  const dv = new DataView(bus.ram.buffer);
  const put = (pa: number, v: number): void => dv.setUint32(pa - RAM, v >>> 0, true);
  const get = (pa: number): number => dv.getUint32(pa - RAM, true);
  const read = (pa: number): number | undefined => (pa >= RAM && pa + 4 <= RAM + SIZE ? get(pa) : undefined);
  return { bus, put, get, read };
}

const pte = (pa: number, flags: number): number => ((Math.floor(pa / 4096) * 1024) | flags) >>> 0;

/** The engine's answer for a VS-mode read (fresh caches, so its reference count is the walk's). */
function engine(bus: Bus, gva: number, vsatp: number, hgatp: number) {
  const pmp = new Pmp();
  pmp.writeAddr(0, 0xffffffff); pmp.writeCfg(0, 0x1f);
  const mmu = new TwoStageMmu(bus, pmp);
  const hpa = mmu.translate(gva, Access.Read, 1, vsatp, hgatp, false, false, false);
  return { hpa, fault: mmu.fault, gpa: mmu.faultGpa, refs: mmu.lastWalkRefs };
}

/** A deterministic pseudo-random sequence (xorshift32). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

describe('debugger two-stage walk', () => {
  it('follows the spec algorithm step by step on hand-built tables (8 references with 4 KiB pages)', () => {
    const m = memory();
    // G stage: 16 KiB root at HPA 0x80010000. GPA 0x0000_0000..0x003f_ffff goes through a
    // level-0 table at HPA 0x80014000; its entries map GPA page k to HPA 0x80100000 + k*4K.
    const groot = 0x80010000, gl0 = 0x80014000;
    const hgatp = (0x80000000 | (3 << 22) | (groot / 4096)) >>> 0;
    m.put(groot + 0 * 4, pte(gl0, V));
    for (let k = 0; k < 16; k++) m.put(gl0 + 4 * k, pte(0x80100000 + k * 4096, V | R | W | X | U | A | D));
    // VS stage: root at GPA 0x2000 (HPA 0x80102000); GVA 0x00c05123: VPN[1] = 3, VPN[0] = 5.
    // root[3] -> level-0 table at GPA 0x3000 (HPA 0x80103000); its [5] -> GPA 0x7000.
    const vsatp = (0x80000000 | (0x2000 / 4096)) >>> 0;
    m.put(0x80102000 + 3 * 4, pte(0x3000, V));
    m.put(0x80103000 + 5 * 4, pte(0x7000, V | R | W | A | D));
    const w = walkTwoStage(m.read, vsatp, hgatp, 0x00c05123);
    // By the spec: G(GPA 0x200c) = root[0] then gl0[2]; VS root PTE; G(GPA 0x3014) = root[0],
    // gl0[3]; VS level-0 PTE; G(GPA 0x7123) = root[0], gl0[7].
    assert.deepStrictEqual(w.reads.map((r) => [r.n, r.stage, r.level, r.hpa.toString(16)]), [
      [1, 'G', 1, '80010000'], [2, 'G', 0, '80014008'], [3, 'VS', 1, '8010200c'],
      [4, 'G', 1, '80010000'], [5, 'G', 0, '8001400c'], [6, 'VS', 0, '80103014'],
      [7, 'G', 1, '80010000'], [8, 'G', 0, '8001401c'],
    ]);
    assert.deepStrictEqual(w.reads.filter((r) => r.stage === 'VS').map((r) => r.pteAddress.toString(16)), ['200c', '3014']);
    assert.strictEqual(w.gpa, 0x7123);
    assert.strictEqual(w.hpa, 0x80107123);
    assert.strictEqual(w.fault, undefined);
    const text = formatTwoStageWalk(w, { sum: false, mxr: false });
    assert.match(text, /^ 8\. G {2}level 0 {2}PTE at HPA 0x8001401c = 0x[0-9a-f]{8} {2}DA-UXWRV {2}leaf \(4 KiB page\)/m);
    assert.match(text, /G stage: GPA 0x0000200c \(VS level-1 PTE\) -> HPA 0x8010200c/);
    assert.match(text, /^GVA 0x00c05123 -> GPA 0x00007123 -> HPA 0x80107123$/m);
    assert.match(text, /^8 memory references \(VS stage 2, G stage 6\)$/m);
  });

  it('uses the wide Sv32x4 root (GPA bits 33:22), G superpages, and Bare stages', () => {
    const m = memory();
    const groot = 0x80020000;
    // hgatp.PPN's low two bits are ignored: the root is 16 KiB aligned.
    const hgatp = (0x80000000 | (groot / 4096) | 3) >>> 0;
    // GPA 0x3_0000_0000 is root index 3072 (beyond a 4 KiB table): a 4 MiB leaf to HPA 0x80400000.
    m.put(groot + 3072 * 4, pte(0x80400000, V | R | U | A));
    const g = walkGStage(m.read, hgatp, 0x3_0000_1234);
    assert.deepStrictEqual(g.reads.map((r) => r.hpa), [groot + 3072 * 4]);
    assert.strictEqual(g.hpa, 0x80401234);
    assert.strictEqual(g.translations[0].superpage, true);
    // Bare G stage: GPA = HPA, no references; Bare VS stage: GVA = GPA.
    const bare = walkTwoStage(m.read, 0, 0, 0x80001234);
    assert.deepStrictEqual([bare.reads.length, bare.gpa, bare.hpa], [0, 0x80001234, 0x80001234]);
    assert.match(walkGStage(m.read, 0, 0x1_0000_0000).fault!.message, /Bare.*beyond the 32-bit/);
  });

  it('says at which step and why a walk fails', () => {
    const m = memory();
    const groot = 0x80030000, gl0 = 0x80034000;
    const hgatp = (0x80000000 | (groot / 4096)) >>> 0;
    m.put(groot + 0, pte(gl0, V));
    m.put(gl0 + 0, pte(0x80200000, V | R | W | X | U | A | D)); // GPA page 0
    m.put(gl0 + 4, pte(0x80201000, V | R | W | X | A | D)); // GPA page 1: no U
    m.put(groot + 4, pte(0x80201000, V | R | W | X | U)); // GPA 0x400000: misaligned 4 MiB leaf
    m.put(groot + 8, pte(gl0, V | A)); // GPA 0x800000: non-leaf with A (reserved)
    const failAt = (gpa: number) => { const f = walkGStage(m.read, hgatp, gpa).fault!; return [f.step, f.kind, f.message]; };
    assert.deepStrictEqual(failAt(0x1000).slice(0, 2), [2, 'guest-page']);
    assert.match(failAt(0x1000)[2] as string, /U=0/);
    assert.match(failAt(0x400000)[2] as string, /misaligned superpage/);
    assert.match(failAt(0x800000)[2] as string, /A, D or U set/);
    assert.match(failAt(0xc00000)[2] as string, /^guest-page fault: the level-1 PTE is not valid/);
    // VS stage: root at GPA 0 (HPA 0x80200000); root[1] W without R; root[2] -> level 0 whose
    // entry is a pointer (no levels left); root[3] -> GPA page 1, which the G stage refuses (no U).
    const vsatp = 0x80000000;
    m.put(0x80200000 + 4, pte(0x0, V | W));
    m.put(0x80200000 + 8, pte(0x0, V));
    m.put(0x80200000 + 0, pte(0x0, V));
    m.put(0x80200000 + 12, pte(0x1000, V));
    const vs = (gva: number) => walkTwoStage(m.read, vsatp, hgatp, gva).fault!;
    assert.deepStrictEqual([vs(0x400000).step, vs(0x400000).stage, vs(0x400000).kind], [3, 'VS', 'page']);
    assert.match(vs(0x400000).message, /W=1 with R=0/);
    assert.match(vs(0x800000).message, /level-0 PTE is not a leaf/);
    const implicit = vs(0xc00000);
    assert.deepStrictEqual([implicit.step, implicit.stage, implicit.kind, implicit.gpa], [5, 'G', 'guest-page', 0x1000]);
    assert.match(implicit.message, /VS level-0 PTE/);
    // Nothing read is changed: A/D stay as they were.
    assert.strictEqual(m.get(gl0 + 0) & (A | D), A | D);
    m.put(gl0 + 8, pte(0x80202000, V | R | W | X | U)); // A = D = 0
    walkGStage(m.read, hgatp, 0x2000);
    assert.strictEqual(m.get(gl0 + 8) & (A | D), 0, 'the debugger walk sets no A/D bits');
  });

  it('agrees with the engine\'s two-stage MMU on random tables', () => {
    const next = rng(0x5eed);
    let compared = 0, faults = 0;
    for (let round = 0; round < 40; round++) {
      const m = memory();
      // Host frames come from a bump allocator inside RAM; guest-physical frames 0..63 map to them.
      let frame = RAM + 0x100000;
      const alloc = (pages = 1, align = 1): number => { frame = Math.ceil(frame / (align * 4096)) * align * 4096; const a = frame; frame += pages * 4096; return a; };
      const groot = alloc(4, 4);
      const hgatp = (0x80000000 | ((next() & 0x7f) << 22) | (groot / 4096)) >>> 0;
      const gl0 = alloc();
      m.put(groot, pte(gl0, V));
      const hostOf: number[] = [];
      for (let k = 0; k < 64; k++) {
        hostOf[k] = alloc();
        // Mostly valid user pages; some without U or invalid, to exercise G-stage faults.
        const roll = next() % 16;
        const flags = roll === 0 ? 0 : roll === 1 ? V | R | W | X | A | D : V | R | W | X | U | A | D;
        m.put(gl0 + 4 * k, pte(hostOf[k], flags));
      }
      // A G superpage for GPA 0x400000.. (root[1]) to HPA 0x80800000.
      m.put(groot + 4, pte(0x80800000, V | R | W | X | U | A | D));
      // The VS tables live in guest-physical pages 1..3.
      const gpaPage = (k: number) => k * 4096, hostPage = (k: number) => hostOf[k];
      const vsatp = (0x80000000 | ((next() & 0x1ff) << 22) | 1) >>> 0;
      const slots: number[] = [];
      for (let i = 0; i < 8; i++) {
        const slot = next() % 1024;
        slots.push(slot);
        const roll = next() % 8;
        if (roll === 0) m.put(hostPage(1) + 4 * slot, pte(0x400000 * (next() % 2), V | R | W | X | A | D)); // VS superpage
        else if (roll === 1) m.put(hostPage(1) + 4 * slot, pte(gpaPage(8 + (next() % 4)), V | R | W | A | D | (next() % 2 ? 0 : 0x800000))); // maybe misaligned
        else m.put(hostPage(1) + 4 * slot, pte(gpaPage(2 + (next() % 2)), V));
      }
      for (const t of [2, 3]) for (let j = 0; j < 1024; j++) if (next() % 4) m.put(hostPage(t) + 4 * j, pte(gpaPage(next() % 72), V | R | W | X | A | D));
      for (let q = 0; q < 50; q++) {
        // Mostly addresses under root entries that were set; some anywhere.
        const gva = q % 8 === 7 ? next() >>> 0 : ((slots[next() % slots.length] * 0x400000) + (next() % 0x400000)) >>> 0;
        const w = walkTwoStage(m.read, vsatp, hgatp, gva);
        const e = engine(m.bus, gva, vsatp, hgatp);
        if (e.hpa >= 0) {
          assert.strictEqual(w.hpa, e.hpa, `gva 0x${gva.toString(16)}`);
          // The engine caches G-stage results within a walk: when two of the walk's guest-physical
          // addresses share a page it reads fewer PTEs than the walk has references.
          const pages = w.translations.map((t) => Math.floor(t.gpa / 4096));
          if (new Set(pages).size === pages.length) assert.strictEqual(w.reads.length, e.refs, `references for gva 0x${gva.toString(16)}`);
          else assert.ok(e.refs < w.reads.length);
        } else {
          faults++;
          assert.ok(w.fault, `engine faults on 0x${gva.toString(16)}, walker gave 0x${w.hpa?.toString(16)}`);
          const kind = e.fault === TwoStageFault.GuestPage ? 'guest-page' : e.fault === TwoStageFault.Page ? 'page' : 'access';
          assert.strictEqual(w.fault!.kind, kind, `fault kind for 0x${gva.toString(16)}: ${w.fault!.message}`);
          if (kind === 'guest-page') assert.strictEqual(w.fault!.gpa, e.gpa);
        }
        compared++;
      }
    }
    assert.strictEqual(compared, 2000);
    assert.ok(faults > 100 && faults < 1900, `a mix of faults and translations (${faults} faults)`);
  });
});
