import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RawSpectra } from './parse/rawSpectra.js';
import { addSpectra } from './readers/addSpectra.js';
import {
  isSpectrumFileName,
  parseSpectrumFile,
  readerByExtension,
  sniffSpectrumReader,
  spectrumReaderFor,
  SNIFF_BYTES,
  type FileSpectrum,
  type SpectrumReader,
} from './readers/spectrumReaders.js';

export type { FileSpectrum } from './readers/spectrumReaders.js';

/**
 * True for the files that hold spectra in an instrument format rather than a table (JCAMP-DX,
 * SPC, ...: see SPECTRUM_READERS), by their extension. spectrumFileReader looks at the bytes too.
 */
export function isSpectrumFile(path: string): boolean {
  return isSpectrumFileName(path);
}

/**
 * The reader of an instrument file, known by its first bytes (magic numbers, LabSpec's header)
 * or else its extension; undefined for text tables (CSV, TSV, two columns), which loadDataset reads.
 */
export async function spectrumFileReader(path: string): Promise<SpectrumReader | undefined> {
  const handle = await open(path, 'r');
  try {
    const start = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(start, 0, SNIFF_BYTES, 0);
    const sniffed = sniffSpectrumReader(start.subarray(0, bytesRead));
    return sniffed?.format === 'two-column' ? undefined : (sniffed ?? readerByExtension(path));
  } finally {
    await handle.close();
  }
}

/** The spectra of one file, through the reader table (the bytes decide, then the extension). */
export async function readSpectrumFile(path: string): Promise<FileSpectrum[]> {
  return parseSpectrumFile(path, new Uint8Array(await readFile(path)));
}

/**
 * Adds a file's spectra to `raw`: named by the file, `file#name` for the named spectra of a map or
 * series, or `file#k` for the k-th of several, with `className` as their layout label when the
 * file sits in a class folder.
 */
export function addFileSpectra(raw: RawSpectra, path: string, spectra: readonly FileSpectrum[], className?: string): void {
  addSpectra(raw, basename(path), path, spectra, className);
}

/** A spectrum file given alone as data: its spectra, unlabelled unless patterns or side files say. */
export async function readSpectrumFileRaw(path: string, reader?: SpectrumReader): Promise<RawSpectra> {
  const bytes = new Uint8Array(await readFile(path));
  const used = reader ?? spectrumReaderFor(path, bytes);
  const spectra = await used.parse(bytes, path);
  const raw: RawSpectra = { source: path, format: used.format, names: [], axes: [], values: [], places: [], fields: {}, notes: [] };
  addFileSpectra(raw, path, spectra);
  return raw;
}
