/**
 * A flattened device tree (DTB, devicetree specification v0.4, version 17) writer. The board
 * and, later, the VMM describe their hardware with it; `dtc -I dtb` is the reference reader.
 */
export type FdtValue = number | number[] | string | string[] | Uint8Array | true;

export interface FdtNode {
  name: string;
  props: [string, FdtValue][];
  children: FdtNode[];
}

export function node(name: string, props: Record<string, FdtValue>, children: FdtNode[] = []): FdtNode {
  return { name, props: Object.entries(props), children };
}

const FDT_MAGIC = 0xd00dfeed, BEGIN_NODE = 1, END_NODE = 2, PROP = 3, END = 9;

/** Encodes a property value: numbers are 32-bit big-endian cells, strings NUL-terminated. */
function encodeValue(v: FdtValue): Uint8Array {
  if (v === true) return new Uint8Array(0);
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'number') v = [v];
  if (typeof v === 'string') v = [v];
  if (v.length && typeof v[0] === 'string') return new TextEncoder().encode((v as string[]).map((s) => s + '\0').join(''));
  const out = new Uint8Array(v.length * 4);
  const dv = new DataView(out.buffer);
  (v as number[]).forEach((c, i) => dv.setUint32(i * 4, c >>> 0));
  return out;
}

export function buildFdt(root: FdtNode, bootCpu = 0): Uint8Array {
  const struct: number[] = [];
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const u32 = (v: number): void => { struct.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255); };
  const bytes = (b: Uint8Array): void => { for (const x of b) struct.push(x); while (struct.length % 4) struct.push(0); };
  const nameOffset = (s: string): number => {
    let o = stringOffsets.get(s);
    if (o === undefined) { o = strings.length; stringOffsets.set(s, o); for (const c of new TextEncoder().encode(s)) strings.push(c); strings.push(0); }
    return o;
  };
  const emit = (n: FdtNode): void => {
    u32(BEGIN_NODE);
    bytes(new TextEncoder().encode(n.name + '\0'));
    for (const [k, v] of n.props) {
      const val = encodeValue(v);
      u32(PROP); u32(val.length); u32(nameOffset(k));
      bytes(val);
    }
    for (const c of n.children) emit(c);
    u32(END_NODE);
  };
  emit(root);
  u32(END);
  const HEADER = 40, RSVMAP = 16; // one terminating (0, 0) reservation entry
  const offStruct = HEADER + RSVMAP, offStrings = offStruct + struct.length;
  const total = offStrings + strings.length;
  const out = new Uint8Array((total + 3) & ~3);
  const dv = new DataView(out.buffer);
  [FDT_MAGIC, out.length, offStruct, offStrings, HEADER, 17, 16, bootCpu, strings.length, struct.length]
    .forEach((v, i) => dv.setUint32(i * 4, v));
  out.set(struct, offStruct);
  out.set(strings, offStrings);
  return out;
}
