import fc from 'fast-check';

/** One change to a file's bytes; positions wrap around the current length. */
export type Op =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; bytes: number[] }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'text'; at: number; text: string; replace: boolean }
  | { op: 'uint32'; at: number; value: number };

const position = fc.nat({ max: 2 ** 30 });
const randomBytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 24 });

/** Text that targets the counts and structure readers trust: DUP counts, long numbers, record labels, delimiters. */
const hostileText = fc.oneof(
  fc.stringMatching(/^[S-Zs][0-9]{1,14}$/),
  fc.stringMatching(/^[0-9]{6,40}$/),
  fc.constantFrom('##NPOINTS=999999999\n', '##END=\n', '\n##XYDATA=(X++(Y..Y))\n', '##$P=(0..999999999)\n', ',', '\t', '\n', '\r', '"', 'NaN', '-', 'e999', '1e308', '\u00e9'),
);

/**
 * 1 to 3 random changes: truncations, bit flips, random bytes written over or inserted, and
 * either hostile text (`text`) or random 32-bit counts written at `fields` (binary headers).
 */
export function opsArbitrary(options: { text: boolean; fields?: readonly number[] }): fc.Arbitrary<Op[]> {
  const ops: fc.WeightedArbitrary<Op>[] = [
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), at: position, bytes: randomBytes }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, bytes: randomBytes }) },
  ];
  if (options.text) {
    ops.push({ weight: 3, arbitrary: fc.record({ op: fc.constant('text' as const), at: position, text: hostileText, replace: fc.boolean() }) });
  }
  if (options.fields && options.fields.length > 0) {
    const value = fc.oneof(fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 5000 }));
    ops.push({ weight: 3, arbitrary: fc.record({ op: fc.constant('uint32' as const), at: fc.constantFrom(...options.fields), value }) });
  }
  return fc.array(fc.oneof(...ops), { minLength: 1, maxLength: 3 });
}

/** `base` with `ops` applied in order (a copy; `base` is left as it is). */
export function applyOps(base: Uint8Array, ops: readonly Op[]): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(base);
  for (const op of ops) {
    const at = bytes.length === 0 ? 0 : op.at % bytes.length;
    switch (op.op) {
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'flip':
        if (bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << op.bit);
        break;
      case 'set':
        op.bytes.forEach((b, i) => {
          if (at + i < bytes.length) bytes[at + i] = b;
        });
        break;
      case 'insert':
        bytes = concat(bytes.subarray(0, at), Uint8Array.from(op.bytes), bytes.subarray(at));
        break;
      case 'text': {
        const text = new TextEncoder().encode(op.text);
        bytes = concat(bytes.subarray(0, at), text, bytes.subarray(op.replace ? Math.min(bytes.length, at + text.length) : at));
        break;
      }
      case 'uint32':
        if (op.at + 4 <= bytes.length) new DataView(bytes.buffer, bytes.byteOffset).setUint32(op.at, op.value, true);
        break;
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
