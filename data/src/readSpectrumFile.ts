import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RawSpectra } from './parse/rawSpectra.js';
import { isSpectrumFileName, parseSpectrumFile, type FileSpectrum } from './readers/spectrumReaders.js';

export type { FileSpectrum } from './readers/spectrumReaders.js';

/**
 * True for the files that hold spectra in an instrument format rather than a table (JCAMP-DX,
 * SPC, ...: see SPECTRUM_READERS). Given alone as data, such a file is read as its spectra.
 */
export function isSpectrumFile(path: string): boolean {
  return isSpectrumFileName(path);
}

/** The spectra of one file, through the reader table (the bytes decide, then the extension). */
export async function readSpectrumFile(path: string): Promise<FileSpectrum[]> {
  return parseSpectrumFile(path, new Uint8Array(await readFile(path)));
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
