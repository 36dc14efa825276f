/** One spectrum read from a spectrum file, with what the file says about it. */
export interface FileSpectrum {
  axis: Float64Array;
  values: Float64Array;
  /** The axis unit the file names (`cm-1`, `nm`, `um`, `index`, or as the file spells another). */
  unit?: string;
  /** Its name within the file (a map position, a time step): ids become `file#name` rather than `file#k`. */
  name?: string;
  /** What the reader chose on its own (which of several blocks it read), worth telling; the same on each spectrum of a file. */
  note?: string;
  /** Header fields of the file (LabSpec's `#key=value` lines, an OPUS block's parameters), as text. */
  metadata?: Record<string, string>;
}

/**
 * A reader of one kind of spectrum file. The same table serves Node (readSpectrumFile) and
 * browsers (the web demo): it takes bytes, never a path.
 */
export interface SpectrumReader {
  readonly format: string;
  /** Lower-case extensions with the dot; a file with one of them and no other claim is read by this reader. */
  readonly extensions: readonly string[];
  /**
   * True when the bytes themselves say they are this format (magic bytes or structure). It sees
   * the first SNIFF_BYTES of a file (or all of a shorter one), never more.
   */
  sniff(bytes: Uint8Array): boolean;
  /**
   * The file's spectra; `source` (a file name) only serves the error messages. Asynchronous so
   * that a format's parser loads only when a file of that format is read.
   */
  parse(bytes: Uint8Array, source: string): Promise<FileSpectrum[]>;
}

/** Bytes a sniff sees: Node reads only this much of a file to choose its reader. */
export const SNIFF_BYTES = 4096;
