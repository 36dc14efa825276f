import { parseTwoColumn } from '../parse/parseTwoColumn.js';
import { assertTextBytes } from '../parse/textCheck.js';

/** One spectrum read from a spectrum file, with the axis unit its file names (if any). */
export interface FileSpectrum {
  axis: Float64Array;
  values: Float64Array;
  unit?: string;
}

/**
 * A reader of one kind of spectrum file. The same table serves Node (readSpectrumFile) and
 * browsers (the web demo): it takes bytes, never a path.
 */
export interface SpectrumReader {
  readonly format: string;
  /** Lower-case extensions with the dot; a file with one of them and no other claim is read by this reader. */
  readonly extensions: readonly string[];
  /** True when the bytes themselves say they are this format (magic bytes or structure). */
  sniff(bytes: Uint8Array): boolean;
  /**
   * The file's spectra; `source` (a file name) only serves the error messages. Asynchronous so
   * that a format's parser library loads only when a file of that format is read.
   */
  parse(bytes: Uint8Array, source: string): Promise<FileSpectrum[]>;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** Text of a spectrum file: UTF-8 when it decodes as such, else latin-1 (instrument exports often are). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = latin1.decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The first `n` bytes as text, for sniffing. */
function head(bytes: Uint8Array, n = 256): string {
  return utf8.decode(bytes.subarray(0, n));
}

export const jcampReader: SpectrumReader = {
  format: 'jcamp-dx',
  extensions: ['.jdx', '.dx', '.jcamp'],
  sniff: (bytes) => /^\s*##[A-Z$. ]+=/i.test(head(bytes)),
  parse: async (bytes, source) => {
    assertTextBytes(bytes, source, 'JCAMP-DX text');
    return [(await import('../parse/parseJcamp.js')).parseJcamp(decodeText(bytes), source)];
  },
};

export const spcReader: SpectrumReader = {
  format: 'spc',
  extensions: ['.spc'],
  // Byte 1 is the file version: 0x4B (new, little-endian), 0x4C (new, big-endian) or 0x4D (old
  // format); a zero byte in the header's counts keeps a text file whose second letter is K, L or M
  // from looking like SPC.
  sniff: (bytes) => bytes.length >= 256 && bytes[1]! >= 0x4b && bytes[1]! <= 0x4d && bytes.subarray(0, 32).includes(0),
  parse: async (bytes, source) => (await import('../parse/parseSpc.js')).parseSpc(bytes, source),
};

export const twoColumnReader: SpectrumReader = {
  format: 'two-column',
  extensions: ['.txt', '.csv', '.tsv', '.dat', '.xy', '.asc'],
  sniff: () => false,
  parse: async (bytes, source) => {
    assertTextBytes(bytes, source, 'two columns of text (axis, intensity), JCAMP-DX or SPC');
    return [parseTwoColumn(decodeText(bytes), source)];
  },
};

/** Every spectrum-file reader, in the order their sniffs are tried. Text tables are read apart (datasetFromText). */
export const SPECTRUM_READERS: readonly SpectrumReader[] = [spcReader, jcampReader, twoColumnReader];

/**
 * The reader for a file: the first whose sniff recognises the bytes, else the one that claims the
 * extension, else two-column text (the usual one-spectrum export).
 */
export function spectrumReaderFor(name: string, bytes: Uint8Array): SpectrumReader {
  const sniffed = SPECTRUM_READERS.find((r) => r.sniff(bytes));
  if (sniffed) return sniffed;
  const ext = extensionOf(name);
  return SPECTRUM_READERS.find((r) => r.extensions.includes(ext)) ?? twoColumnReader;
}

/** True for files that hold spectra in an instrument format rather than a table, by their extension. */
export function isSpectrumFileName(name: string): boolean {
  const ext = extensionOf(name);
  return SPECTRUM_READERS.some((r) => r !== twoColumnReader && r.extensions.includes(ext));
}

/** The spectra of one file's bytes, whatever its format (see spectrumReaderFor). */
export function parseSpectrumFile(name: string, bytes: Uint8Array): Promise<FileSpectrum[]> {
  return spectrumReaderFor(name, bytes).parse(bytes, name);
}

function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
