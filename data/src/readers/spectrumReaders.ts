import { parseTwoColumn } from '../parse/parseTwoColumn.js';
import { assertTextBytes } from '../parse/textCheck.js';
import { isOpus, isSpa, isWdf, looksLikeLabspec } from './magic.js';
import type { FileSpectrum, SpectrumReader } from './fileSpectrum.js';
import { SNIFF_BYTES } from './fileSpectrum.js';

export type { FileSpectrum, SpectrumReader } from './fileSpectrum.js';
export { SNIFF_BYTES } from './fileSpectrum.js';

const latin1 = new TextDecoder('latin1');

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

/** The first `n` bytes as text, for sniffing (latin-1: every byte one character, none refused). */
function head(bytes: Uint8Array, n = 256): string {
  return latin1.decode(bytes.subarray(0, n)).replace(/^\u00EF\u00BB\u00BF/, '');
}

// Binary formats are known by their magic bytes; their parsers (and wdf-parser) load on first use.
export const opusReader: SpectrumReader = {
  format: 'opus',
  extensions: ['.0', '.1', '.2', '.3', '.opus'],
  sniff: isOpus,
  parse: async (bytes, source) => (await import('../parse/opus/parseOpus.js')).parseOpus(bytes, source),
};

export const wdfReader: SpectrumReader = {
  format: 'wdf',
  extensions: ['.wdf'],
  sniff: isWdf,
  parse: async (bytes, source) => (await import('../parse/wdf/parseWdf.js')).parseWdf(bytes, source),
};

export const spaReader: SpectrumReader = {
  format: 'spa',
  extensions: ['.spa', '.spg'],
  sniff: isSpa,
  parse: async (bytes, source) => (await import('../parse/parseSpa.js')).parseSpa(bytes, source),
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

export const jcampReader: SpectrumReader = {
  format: 'jcamp-dx',
  extensions: ['.jdx', '.dx', '.jcamp'],
  sniff: (bytes) => /^\s*##[A-Z$. ]+=/i.test(head(bytes)),
  parse: async (bytes, source) => {
    assertTextBytes(bytes, source, 'JCAMP-DX text');
    return [(await import('../parse/parseJcamp.js')).parseJcamp(decodeText(bytes), source)];
  },
};

export const labspecReader: SpectrumReader = {
  format: 'labspec',
  extensions: [],
  sniff: (bytes) => looksLikeLabspec(head(bytes, 1024)),
  parse: async (bytes, source) => {
    assertTextBytes(bytes, source, 'a Horiba LabSpec text export');
    return (await import('../parse/parseLabspec.js')).parseLabspec(decodeText(bytes), source);
  },
};

export const twoColumnReader: SpectrumReader = {
  format: 'two-column',
  extensions: ['.txt', '.csv', '.tsv', '.dat', '.xy', '.asc'],
  sniff: () => false,
  parse: async (bytes, source) => {
    assertTextBytes(bytes, source, 'two columns of text (axis, intensity), or a spectrum file (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec)');
    return [parseTwoColumn(decodeText(bytes), source)];
  },
};

/** Every spectrum-file reader, in the order their sniffs are tried. Text tables are read apart (datasetFromText). */
export const SPECTRUM_READERS: readonly SpectrumReader[] = [opusReader, wdfReader, spaReader, spcReader, jcampReader, labspecReader, twoColumnReader];

/** The reader whose bytes say so (the start of a file is enough: see SNIFF_BYTES), if any. */
export function sniffSpectrumReader(bytes: Uint8Array): SpectrumReader | undefined {
  const start = bytes.subarray(0, SNIFF_BYTES);
  return SPECTRUM_READERS.find((r) => r.sniff(start));
}

/**
 * The reader for a file: the first whose sniff recognises the bytes, else the one that claims the
 * extension, else two-column text (the usual one-spectrum export).
 */
export function spectrumReaderFor(name: string, bytes: Uint8Array): SpectrumReader {
  return sniffSpectrumReader(bytes) ?? readerByExtension(name) ?? twoColumnReader;
}

/** The instrument-format reader an extension names (never the two-column one), if any. */
export function readerByExtension(name: string): SpectrumReader | undefined {
  const ext = extensionOf(name);
  return SPECTRUM_READERS.find((r) => r !== twoColumnReader && r.extensions.includes(ext));
}

/** True for files that hold spectra in an instrument format rather than a table, by their extension. */
export function isSpectrumFileName(name: string): boolean {
  return readerByExtension(name) !== undefined;
}

/** The reader a format name (`opus`, `wdf`, ...: SpectrumReader.format) stands for, if any. */
export function spectrumReaderNamed(format: string): SpectrumReader | undefined {
  return SPECTRUM_READERS.find((r) => r.format === format);
}

/** The spectra of one file's bytes, whatever its format (see spectrumReaderFor). */
export function parseSpectrumFile(name: string, bytes: Uint8Array): Promise<FileSpectrum[]> {
  return spectrumReaderFor(name, bytes).parse(bytes, name);
}

export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
