import type { FileSpectrum } from '../../readers/fileSpectrum.js';
import { readDirectory, readParameters, type OpusValue } from './opusBlocks.js';

/**
 * A data block's type word: the low byte's bits 0-1 are the complex part, bits 2-3 the kind
 * (1 sample, 2 reference, 3 result of a ratio), bit 4 marks the block's parameters ("data status");
 * the high byte over 4 is the data type (1 single channel, 2 interferogram, 3 phase, 4 absorbance,
 * 5 transmittance; 13 is the directory itself). Parameter blocks (instrument, optics, ...) have a
 * zero data type.
 */
const STATUS = 0x10;
const dataType = (type: number) => (type >> 10) & 0x3f;
const kindOf = (type: number) => (type >> 2) & 3;
const DIRECTORY = 13;
const isData = (type: number) => dataType(type) !== 0 && dataType(type) !== DIRECTORY && (type & 0xf0) === 0;

const NAMES: Record<number, string> = { 1: 'single channel', 2: 'interferogram', 3: 'phase', 4: 'absorbance', 5: 'transmittance' };
const KINDS: Record<number, string> = { 1: 'sample', 2: 'reference', 3: 'result' };
const SHORT: Record<string, string> = { '4.3': 'AB', '5.3': 'TR', '1.1': 'ScSm', '1.2': 'ScRf', '2.1': 'IgSm', '2.2': 'IgRf', '3.1': 'PhSm', '3.2': 'PhRf' };

/** OPUS x units (DXU) as the readers name them. */
const UNITS: Record<string, string> = { WN: 'cm-1', MI: 'um', NM: 'nm', PNT: 'index' };

/**
 * The spectrum of a Bruker OPUS file. Of its data blocks, absorbance is read first, then
 * transmittance or another result spectrum, then the sample's single channel, then the
 * reference's (a background file holds only that); interferograms and phases never. The note says
 * which was read and what else the file holds. The axis runs from FXV to LXV in NPT even steps,
 * the values are float32 (DPF 1) or int32 (DPF 2) times CSF, all from the block's parameters.
 */
export function parseOpus(bytes: Uint8Array, source: string): FileSpectrum[] {
  const blocks = readDirectory(bytes, source);
  const data = blocks.filter((b) => isData(b.type));
  const usable = data.filter((b) => dataType(b.type) !== 2 && dataType(b.type) !== 3);
  const chosen = [...usable].sort((a, b) => rank(a.type) - rank(b.type))[0];
  if (!chosen) {
    const held = data.length > 0 ? `only ${[...new Set(data.map((b) => label(b.type)))].join(', ')}` : 'no data blocks';
    throw new Error(`${source}: an OPUS file with ${held}; expected an absorbance, transmittance or single-channel spectrum`);
  }
  // The k-th block of a type goes with the k-th parameter block of that type plus the status bit.
  const index = data.filter((b) => b.type === chosen.type).indexOf(chosen);
  const status = blocks.filter((b) => b.type === (chosen.type | STATUS))[index];
  const what = label(chosen.type);
  if (!status) throw new Error(`${source}: OPUS ${what} block at byte ${chosen.offset} has no parameter block (NPT, FXV, LXV); the file is damaged`);
  const params = readParameters(bytes, status, source);
  const points = integer(params, 'NPT', what, source);
  const first = number(params, 'FXV', what, source);
  const last = number(params, 'LXV', what, source);
  const format = params.get('DPF') ?? 1;
  const scale = typeof params.get('CSF') === 'number' ? (params.get('CSF') as number) : 1;
  if (format !== 1 && format !== 2) throw new Error(`${source}: OPUS ${what} data point format DPF ${format}; expected 1 (float32) or 2 (int32)`);
  if (points < 1 || points * 4 > chosen.bytes) {
    throw new Error(`${source}: OPUS ${what} declares ${points} points (NPT), which needs ${points * 4} bytes; its block at byte ${chosen.offset} has ${chosen.bytes} (truncated or damaged)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const axis = new Float64Array(points);
  const values = new Float64Array(points);
  const step = points > 1 ? (last - first) / (points - 1) : 0;
  if (!Number.isFinite(step)) throw new Error(`${source}: OPUS ${what} x range ${first}..${last} (FXV, LXV); expected finite numbers`);
  for (let i = 0; i < points; i++) {
    // The last point is LXV itself, as the file declares it.
    axis[i] = i === points - 1 ? last : first + i * step;
    const at = chosen.offset + 4 * i;
    const v = (format === 1 ? view.getFloat32(at, true) : view.getInt32(at, true)) * scale;
    if (!Number.isFinite(v)) throw new Error(`${source}: OPUS ${what} point ${i + 1} (x ${axis[i]}) is ${v}; expected finite intensities`);
    values[i] = v;
  }
  const others = [...new Set(data.filter((b) => b !== chosen).map((b) => label(b.type)))];
  const dxu = params.get('DXU');
  return [
    {
      axis,
      values,
      ...(typeof dxu === 'string' ? { unit: UNITS[dxu] ?? dxu } : {}),
      note: `OPUS: read ${what}${others.length > 0 ? `; the file also holds ${others.join(', ')}` : ''}`,
      metadata: Object.fromEntries([...params].map(([k, v]) => [k, String(v)])),
    },
  ];
}

/** Absorbance, transmittance, other results, then single channels of the sample and of the reference. */
function rank(type: number): number {
  const t = dataType(type);
  const kind = kindOf(type);
  if (t === 4) return 0;
  if (t === 5) return 1;
  if (kind === 3) return 2;
  return kind === 1 ? 3 : 4;
}

function label(type: number): string {
  const t = dataType(type);
  const kind = kindOf(type);
  const short = SHORT[`${t}.${kind}`];
  const name = `${NAMES[t] ?? `data type ${t}`}${t === 4 || t === 5 ? '' : ` (${KINDS[kind] ?? `kind ${kind}`})`}`;
  return short ? `${name} ${short}` : name;
}

function number(params: Map<string, OpusValue>, name: string, what: string, source: string): number {
  const v = params.get(name);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${source}: OPUS ${what} parameters lack ${name} (got ${v}); expected a number`);
  return v;
}

function integer(params: Map<string, OpusValue>, name: string, what: string, source: string): number {
  const v = number(params, name, what, source);
  if (!Number.isInteger(v)) throw new Error(`${source}: OPUS ${what} ${name} is ${v}; expected a whole number`);
  return v;
}

