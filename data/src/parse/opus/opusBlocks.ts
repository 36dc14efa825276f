import { isOpus } from '../../readers/magic.js';

/**
 * The layout of a Bruker OPUS file: a 24-byte header (magic 0A 0A FE FE, a float64 version,
 * then int32 directory offset, capacity and count), a directory of 12-byte entries (uint32 block
 * type, int32 length in 4-byte words, int32 byte offset) and the blocks they point to. Parameter
 * blocks hold entries of a 3-letter name and NUL, an int16 kind (0 int32, 1 float64, 2-4 text), an
 * int16 size in 2-byte words and the value, up to the name END.
 */
const HEADER = 24;
const ENTRY = 12;

/** One directory entry: the block's type word and where its bytes lie. */
export interface OpusBlock {
  type: number;
  offset: number;
  bytes: number;
}

/** A parameter value as the file stores it. */
export type OpusValue = number | string;

/**
 * The directory, every entry checked against the file size before anything is read from it, so
 * a truncated file is refused naming the block it lost rather than read in part.
 */
export function readDirectory(bytes: Uint8Array, source: string): OpusBlock[] {
  if (!isOpus(bytes)) throw new Error(`${source}: not an OPUS file (${whatItIs(bytes)}); expected a Bruker OPUS file starting with the bytes 0A 0A FE FE`);
  const size = bytes.length;
  if (size < HEADER) throw new Error(`${source}: ${size} bytes, shorter than the ${HEADER}-byte OPUS header (truncated?)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = view.getInt32(12, true);
  const count = view.getInt32(20, true);
  if (start < HEADER || count < 1 || start + count * ENTRY > size) {
    throw new Error(`${source}: the OPUS header declares ${count} directory entries at byte ${start}, which needs ${start + count * ENTRY} bytes; the file has ${size} (truncated or damaged)`);
  }
  const blocks: OpusBlock[] = [];
  for (let k = 0; k < count; k++) {
    const at = start + k * ENTRY;
    const type = view.getUint32(at, true);
    const words = view.getInt32(at + 4, true);
    const offset = view.getInt32(at + 8, true);
    // Unused directory slots are zero.
    if (offset <= 0 || words <= 0) continue;
    if (offset + words * 4 > size) {
      throw new Error(
        `${source}: OPUS block ${k + 1} (type 0x${type.toString(16)}) declares ${words * 4} bytes at byte ${offset}, past the end of the file (${size} bytes): truncated?`,
      );
    }
    blocks.push({ type, offset, bytes: words * 4 });
  }
  return blocks;
}

/** A parameter block's entries by name (FXV, LXV, NPT, ...); every entry must fit in its block. */
export function readParameters(bytes: Uint8Array, block: OpusBlock, source: string): Map<string, OpusValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = block.offset + block.bytes;
  const out = new Map<string, OpusValue>();
  let at = block.offset;
  while (at + 8 <= end) {
    const name = ascii(bytes, at, 3);
    if (name === 'END') return out;
    const kind = view.getUint16(at + 4, true);
    const length = view.getUint16(at + 6, true) * 2;
    if (at + 8 + length > end) {
      throw new Error(`${source}: OPUS parameter ${name} at byte ${at} declares ${length} bytes, past the end of its block (byte ${end}); the file is damaged`);
    }
    const value = at + 8;
    if (kind === 0 && length >= 4) out.set(name, view.getInt32(value, true));
    else if (kind === 1 && length >= 8) out.set(name, view.getFloat64(value, true));
    else if (kind >= 2 && kind <= 4) out.set(name, latin1(bytes, value, length));
    at = value + length;
  }
  throw new Error(`${source}: OPUS parameter block at byte ${block.offset} has no END; the file is truncated or damaged`);
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[at + i]!);
  return s;
}

/** Text up to its NUL, latin-1 as OPUS writes it. */
function latin1(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n && bytes[at + i] !== 0; i++) s += String.fromCharCode(bytes[at + i]!);
  return s.trim();
}

/** What a file that is not OPUS looks like, for the refusal. */
function whatItIs(bytes: Uint8Array): string {
  const start = ascii(bytes, 0, Math.min(18, bytes.length));
  if (start === 'Spectral Data File') return 'it starts with "Spectral Data File": a Thermo OMNIC SPA file';
  if (start.startsWith('WDF1')) return 'it starts with WDF1: a Renishaw WiRE file';
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  return `it starts with ${hex || 'nothing'}`;
}
