import type { FileSpectrum } from '../readers/fileSpectrum.js';
import { isSpa, SPA_MAGIC } from '../readers/magic.js';

/**
 * Thermo OMNIC SPA (and SPG, a group of them): "Spectral Data File" at byte 0, the title at 30,
 * a uint16 count of directory entries at 294 and the entries from 304, 16 bytes each (uint8 key,
 * uint32 offset at +2, uint32 size at +6). Key 2 is a spectrum's header (uint32 point count at +4,
 * x unit key at +8, y unit key at +12, float32 first and last x at +16 and +20), key 3 its
 * float32 intensities; the k-th header goes with the k-th intensities.
 */
const DIRECTORY = 304;
const ENTRY = 16;
const HEADER_BYTES = 24;

const X_UNITS: Record<number, string> = { 1: 'cm-1', 2: 'index', 3: 'nm', 4: 'um', 32: 'cm-1' };
const Y_UNITS: Record<number, string> = {
  11: 'reflectance (%)',
  12: 'log(1/R)',
  16: 'transmittance (%)',
  17: 'absorbance',
  20: 'Kubelka-Munk',
  22: 'volts',
  26: 'photoacoustic',
  31: 'Raman intensity',
};

/** The spectra of an OMNIC SPA or SPG file, every offset and count checked against the file size first. */
export function parseSpa(bytes: Uint8Array, source: string): FileSpectrum[] {
  if (!isSpa(bytes)) throw new Error(`${source}: not an OMNIC file; expected a Thermo OMNIC SPA file starting with "${SPA_MAGIC}"`);
  const size = bytes.length;
  if (size < DIRECTORY) throw new Error(`${source}: ${size} bytes, shorter than the ${DIRECTORY}-byte OMNIC header (truncated?)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(294, true);
  if (DIRECTORY + count * ENTRY > size) {
    throw new Error(`${source}: the OMNIC header declares ${count} directory entries, which need ${DIRECTORY + count * ENTRY} bytes; the file has ${size} (truncated?)`);
  }
  const headers: number[] = [];
  const data: { offset: number; bytes: number }[] = [];
  for (let k = 0; k < count; k++) {
    const at = DIRECTORY + k * ENTRY;
    const key = bytes[at]!;
    const offset = view.getUint32(at + 2, true);
    const length = view.getUint32(at + 6, true);
    // Every entry, not only the spectrum's: a file cut short anywhere is refused, not read in part.
    if (offset + length > size || (key === 2 && length < HEADER_BYTES)) {
      throw new Error(`${source}: OMNIC directory entry ${k + 1} (key ${key}) declares ${length} bytes at byte ${offset}; the file has ${size} (truncated?)`);
    }
    if (key !== 2 && key !== 3) continue;
    if (key === 2) headers.push(offset);
    else data.push({ offset, bytes: length });
  }
  if (headers.length === 0 || headers.length !== data.length) {
    throw new Error(`${source}: ${headers.length} OMNIC spectrum headers (key 2) and ${data.length} intensity blocks (key 3); expected as many, at least one`);
  }
  const title = text(bytes, 30, 256);
  return headers.map((at, s) => {
    const which = headers.length > 1 ? ` spectrum ${s + 1}` : '';
    const points = view.getUint32(at + 4, true);
    const xKey = bytes[at + 8]!;
    const yKey = bytes[at + 12]!;
    const first = view.getFloat32(at + 16, true);
    const last = view.getFloat32(at + 20, true);
    const block = data[s]!;
    if (points < 1 || points * 4 > block.bytes) {
      throw new Error(`${source}${which}: the OMNIC header declares ${points} points, which need ${points * 4} bytes; the intensity block has ${block.bytes} (truncated or damaged)`);
    }
    if (!Number.isFinite(first) || !Number.isFinite(last)) throw new Error(`${source}${which}: OMNIC x range ${first}..${last}; expected finite numbers`);
    const axis = new Float64Array(points);
    const values = new Float64Array(points);
    const step = points > 1 ? (last - first) / (points - 1) : 0;
    for (let i = 0; i < points; i++) {
      axis[i] = first + i * step;
      const v = view.getFloat32(block.offset + 4 * i, true);
      // OMNIC blanks a part of a spectrum with NaN: never a value to classify.
      if (!Number.isFinite(v)) throw new Error(`${source}${which}: point ${i + 1} (x ${axis[i]!.toFixed(2)}) is ${v}; expected finite intensities (a blanked region?)`);
      values[i] = v;
    }
    return {
      axis,
      values,
      unit: X_UNITS[xKey] ?? `OMNIC x unit ${xKey}`,
      metadata: { title, intensity: Y_UNITS[yKey] ?? `OMNIC y unit ${yKey}` },
    };
  });
}

/** NUL-terminated latin-1 text of at most `n` bytes. */
function text(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < Math.min(at + n, bytes.length) && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i]!);
  return s.trim();
}
