import { isWdf } from '../../readers/magic.js';

/**
 * Renishaw WiRE layout: a 512-byte file header (magic WDF1; uint32 points per spectrum at byte
 * 60, uint64 capacity at 64 and spectra written at 72), then blocks, each a 16-byte header
 * (uint32 id, uint32 uid, uint64 size with the header) and its body. DATA holds capacity x points
 * float32, XLST a uint32 type, a uint32 unit and points float32, ORGN a uint32 count of sets,
 * each a 24-byte header and capacity 8-byte values (positions as float64).
 */
export const WDF_HEADER = 512;
const BLOCK_HEADER = 16;
const SET_HEADER = 24;

export const WDF_IDS = { DATA: 0x41544144, XLST: 0x54534c58, ORGN: 0x4e47524f } as const;

export interface WdfLayout {
  points: number;
  capacity: number;
  written: number;
  /** Byte offset of each block by its id (the first of each). */
  blocks: Map<number, { offset: number; size: number }>;
}

/**
 * The header's counts and the block list, every size checked against the file before any
 * parser allocates for it: a WDF header declaring more spectra than the file holds is refused
 * by name here, and so is a block that runs past the end (a truncated file).
 */
export function readWdfLayout(bytes: Uint8Array, source: string): WdfLayout {
  if (!isWdf(bytes)) throw new Error(`${source}: not a WDF file; expected a Renishaw WiRE file starting with WDF1`);
  const size = bytes.length;
  if (size < WDF_HEADER) throw new Error(`${source}: ${size} bytes, shorter than the ${WDF_HEADER}-byte WDF header (truncated?)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const points = view.getUint32(60, true);
  const capacity = Number(view.getBigUint64(64, true));
  const written = Number(view.getBigUint64(72, true));
  if (points < 1 || written < 1 || written > capacity) {
    throw new Error(`${source}: the WDF header declares ${points} points and ${written} of ${capacity} spectra written; expected at least one of each`);
  }
  const blocks = new Map<number, { offset: number; size: number }>();
  let offset = Number(view.getBigUint64(8, true)) || WDF_HEADER;
  let k = 0;
  while (offset + BLOCK_HEADER <= size) {
    k++;
    const id = view.getUint32(offset, true);
    const blockSize = Number(view.getBigUint64(offset + 8, true));
    if (blockSize < BLOCK_HEADER || offset + blockSize > size) {
      throw new Error(`${source}: WDF block ${k} (${blockName(id)}) at byte ${offset} declares ${blockSize} bytes; the file has ${size - offset} from there (truncated?)`);
    }
    if (!blocks.has(id)) blocks.set(id, { offset, size: blockSize });
    offset += blockSize;
  }
  if (offset !== size) throw new Error(`${source}: ${size - offset} bytes after the last whole WDF block at byte ${offset}; the file is truncated or damaged`);
  const need = (id: number, bytesNeeded: number, what: string) => {
    const block = blocks.get(id);
    if (!block) throw new Error(`${source}: no WDF ${blockName(id)} block (${what}); the file is damaged or not a spectrum file`);
    if (block.size < bytesNeeded) {
      throw new Error(`${source}: WDF ${blockName(id)} block at byte ${block.offset} has ${block.size} bytes; ${what} needs ${bytesNeeded} (truncated or damaged)`);
    }
  };
  need(WDF_IDS.DATA, BLOCK_HEADER + capacity * points * 4, `${capacity} spectra of ${points} points`);
  need(WDF_IDS.XLST, BLOCK_HEADER + 8 + points * 4, `an axis of ${points} points`);
  const origins = blocks.get(WDF_IDS.ORGN);
  if (origins) {
    const sets = view.getUint32(origins.offset + BLOCK_HEADER, true);
    need(WDF_IDS.ORGN, BLOCK_HEADER + 4 + sets * (SET_HEADER + capacity * 8), `${sets} origin lists of ${capacity} values`);
  }
  return { points, capacity, written, blocks };
}

/** Where set `index`'s values of the ORGN block start (after readWdfLayout checked the block). */
export function originValuesAt(originsOffset: number, index: number, capacity: number): number {
  return originsOffset + BLOCK_HEADER + 4 + index * (SET_HEADER + capacity * 8) + SET_HEADER;
}

function blockName(id: number): string {
  const name = String.fromCharCode(id & 0xff, (id >> 8) & 0xff, (id >> 16) & 0xff, id >>> 24);
  return /^[A-Z ]{4}$/.test(name) ? name.trim() : `0x${id.toString(16)}`;
}
