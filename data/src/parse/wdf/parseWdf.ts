import { IOBuffer } from 'iobuffer';
import { readFileHeader } from 'wdf-parser/lib/readFileHeader.js';
import { readBlock } from 'wdf-parser/lib/readBlock.js';
import type { FileSpectrum } from '../../readers/fileSpectrum.js';
import { axisUnit } from '../axisUnit.js';
import { originValuesAt, readWdfLayout, WDF_IDS } from './wdfLayout.js';

/** Position lists named in an ORGN block; their values are float64 micrometres. */
const POSITIONS = ['X', 'Y', 'Z'];

/**
 * The spectra of a Renishaw WiRE file through cheminfo's wdf-parser: its file header, DATA, XLST
 * and ORGN blocks, read block by block (wdf-parser's whole-file parse refuses a depth series
 * without a map area and a file without an origin block, both of which WiRE writes). Only the
 * spectra written are read (a stopped map leaves the rest of its capacity empty). Spectra of a
 * line, map or depth series are named by their X, Y or Z positions (µm): `x=80.027,y=-162.479`.
 */
export function parseWdf(bytes: Uint8Array, source: string): FileSpectrum[] {
  const layout = readWdfLayout(bytes, source);
  const buffer = new IOBuffer(bytes);
  let header;
  let data;
  let xList;
  let origins;
  try {
    header = readFileHeader(buffer);
    // Only the spectra written: they come first in the DATA block.
    data = readBlock(buffer, { ...header, nSpectra: layout.written }, layout.blocks.get(WDF_IDS.DATA)!.offset).spectra;
    xList = readBlock(buffer, header, layout.blocks.get(WDF_IDS.XLST)!.offset).xList;
    const orgn = layout.blocks.get(WDF_IDS.ORGN);
    origins = orgn ? readBlock(buffer, header, orgn.offset).origins : undefined;
  } catch (error) {
    throw new Error(`${source}: not readable as WDF (${error instanceof Error ? error.message : String(error)}); expected a Renishaw WiRE file`, { cause: error });
  }
  if (!data || data.length !== layout.written || !xList) throw new Error(`${source}: WDF blocks without spectra or axis; the file is damaged`);
  const axis = Float64Array.from(xList.values.subarray(0, layout.points));
  for (let i = 0; i < axis.length; i++) {
    if (!Number.isFinite(axis[i])) throw new Error(`${source}: WDF axis (XLST) value ${i + 1} is ${axis[i]}; expected finite numbers`);
  }
  const unit = xList.units === 'arbitrary units' ? undefined : axisUnit(xList.units.replace(/^.*\((.*)\)$/, '$1'));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const orgnAt = layout.blocks.get(WDF_IDS.ORGN)?.offset;
  // wdf-parser reads X and Y only; a depth series' Z is read here from the same layout.
  const positions = (origins ?? [])
    .map((set, index) => ({ label: set.label, index }))
    .filter((set) => POSITIONS.includes(set.label) && orgnAt !== undefined)
    .map(({ label, index }) => ({ label: label.toLowerCase(), at: originValuesAt(orgnAt!, index, layout.capacity) }));
  const many = layout.written > 1;
  return data.map((spectrum, s) => {
    const values = Float64Array.from(spectrum);
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new Error(`${source}${many ? ` spectrum ${s + 1}` : ''}: point ${i + 1} is ${values[i]}; expected finite intensities`);
    }
    const name = many && positions.length > 0 ? positions.map((p) => `${p.label}=${round(view.getFloat64(p.at + 8 * s, true))}`).join(',') : undefined;
    return {
      axis,
      values,
      ...(unit ? { unit } : {}),
      ...(name ? { name } : {}),
      ...(unit ? {} : { note: `WDF: the axis unit is "${xList.units}"` }),
      metadata: { title: header.title, measurement: header.type, scan: header.scanType, intensity: header.units, laser: String(header.laserWavenum) },
    };
  });
}

/** Positions to the nanometre: names stay short and distinct on a 0.1 µm grid. */
function round(value: number): string {
  return String(Number(value.toFixed(3)));
}
