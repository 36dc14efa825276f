import type { Dataset } from '../dataset.js';
import type { Orientation, ReaderFormat } from '../readerOptions.js';
import { assembleDataset, type AssembleOptions } from '../parse/assembleDataset.js';
import type { RawSpectra } from '../parse/rawSpectra.js';
import { parseDelimited } from '../parse/parseDelimited.js';
import { parseUcr } from '../parse/parseUcr.js';
import { assertTextBytes } from '../parse/textCheck.js';
import { detectTextFormat } from '../detectFormat.js';
import { addSpectra } from './addSpectra.js';
import { decodeText, readerByExtension, sniffSpectrumReader, spectrumReaderNamed } from './spectrumReaders.js';

export interface DatasetFromBytesOptions extends AssembleOptions {
  /** The file's name (or `stdin`): messages, ids, and the extension when the bytes do not tell. */
  source: string;
  /** @default 'auto': a spectrum file by its bytes or extension, else text (UCR or delimited) */
  format?: Exclude<ReaderFormat, 'folder'>;
  orientation?: Orientation;
  delimiter?: string;
  decimal?: ',' | '.';
  /** UCR only: axis values (1..p by default). */
  axis?: ArrayLike<number>;
}

/**
 * One file's bytes (a dropped file, standard input) to a Dataset, as loadDataset reads a file:
 * an instrument file (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec) by its bytes or name, else text as a
 * UCR file or delimited text. Browser-safe; the whole file is in memory.
 */
export async function datasetFromBytes(bytes: Uint8Array, options: DatasetFromBytesOptions): Promise<Dataset> {
  const { source } = options;
  const format = options.format ?? 'auto';
  const reader = format === 'auto' ? (sniffSpectrumReader(bytes) ?? readerByExtension(source)) : spectrumReaderNamed(format);
  let raw: RawSpectra;
  if (reader) {
    raw = { source, format: reader.format, names: [], axes: [], values: [], places: [], fields: {}, notes: [] };
    addSpectra(raw, source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1), source, await reader.parse(bytes, source));
  } else {
    assertTextBytes(bytes, source, 'delimited text (CSV, TSV), a UCR file or a spectrum file (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec)');
    const text = decodeText(bytes);
    const textFormat = format === 'auto' ? detectTextFormat(text, source) : format;
    raw =
      textFormat === 'ucr'
        ? parseUcr(text, { source, axis: options.axis, delimiter: options.delimiter, decimal: options.decimal })
        : parseDelimited(text, { source, orientation: options.orientation, delimiter: options.delimiter, decimal: options.decimal });
  }
  return assembleDataset(raw, options);
}
