import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { RawSpectra } from './parse/rawSpectra.js';
import { parseJcamp } from './parse/parseJcamp.js';
import { parseSpc } from './parse/parseSpc.js';
import { parseTwoColumn } from './parse/parseTwoColumn.js';

const JCAMP_EXTENSIONS = new Set(['.jdx', '.dx', '.jcamp']);
const SPC_EXTENSIONS = new Set(['.spc']);

/** One spectrum read from a spectrum file, with the unit its file names (if any). */
export interface FileSpectrum {
  axis: Float64Array;
  values: Float64Array;
  unit?: string;
}

/**
 * True for the files that hold spectra in an instrument format rather than a table: JCAMP-DX
 * (.jdx, .dx, .jcamp) and SPC (.spc). Given alone as data, such a file is read as its spectra.
 */
export function isSpectrumFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return JCAMP_EXTENSIONS.has(ext) || SPC_EXTENSIONS.has(ext);
}

/**
 * The spectra of one file by its extension: SPC (binary; several in a multifile), JCAMP-DX (the
 * first spectrum), anything else two-column text (axis, intensity).
 */
export async function readSpectrumFile(path: string): Promise<FileSpectrum[]> {
  const ext = extname(path).toLowerCase();
  if (SPC_EXTENSIONS.has(ext)) return parseSpc(await readFile(path), path);
  const text = await readFile(path, 'utf8');
  return [JCAMP_EXTENSIONS.has(ext) ? parseJcamp(text, path) : parseTwoColumn(text, path)];
}

/**
 * Adds a file's spectra to `raw`: named by the file, or `file#k` for the k-th of several, with
 * `className` as their layout label when the file sits in a class folder.
 */
export function addFileSpectra(raw: RawSpectra, path: string, spectra: readonly FileSpectrum[], className?: string): void {
  const file = basename(path);
  spectra.forEach((spectrum, s) => {
    const many = spectra.length > 1;
    raw.names.push(many ? `${file}#${s + 1}` : file);
    raw.axes.push(spectrum.axis);
    raw.values.push(spectrum.values);
    raw.places.push(many ? `${path} spectrum ${s + 1}` : path);
    if (className !== undefined) raw.layoutLabels!.push(className);
  });
}

/** A spectrum file given alone as data: its spectra, unlabelled unless patterns or side files say. */
export async function readSpectrumFileRaw(path: string): Promise<RawSpectra> {
  const spectra = await readSpectrumFile(path);
  const raw: RawSpectra = { source: path, names: [], axes: [], values: [], places: [], fields: {}, notes: [] };
  addFileSpectra(raw, path, spectra);
  return raw;
}
