/** How spectra are laid out in a delimited text file. */
export type Orientation = 'auto' | 'rows' | 'columns';

/**
 * Reader formats; `auto` picks `folder` for a directory, a spectrum file's own format when its
 * bytes (or extension) name one, `ucr` for a headerless label-first TSV, else `delimited`. The
 * spectrum formats force that reader whatever the file looks like.
 */
export type ReaderFormat = 'auto' | 'delimited' | 'ucr' | 'folder' | SpectrumFormat;
/** Formats of the spectrum-file readers (SPECTRUM_READERS). */
export type SpectrumFormat = 'opus' | 'wdf' | 'spa' | 'spc' | 'jcamp-dx' | 'labspec' | 'two-column';
export const spectrumFormats: readonly SpectrumFormat[] = ['opus', 'wdf', 'spa', 'spc', 'jcamp-dx', 'labspec', 'two-column'];
export const readerFormats: readonly ReaderFormat[] = ['auto', 'delimited', 'ucr', 'folder', ...spectrumFormats];

/**
 * Options of `loadDataset`. Labels come from, in this order: `labelColumn`, `labels` (side file),
 * `labelPattern`; without any, from a column named `label` or `class`, the sub-folder names of a
 * folder, or the sample names (see inferLabels). Groups likewise from `groupColumn`, `groups`,
 * `groupPattern`, a column named `group`, or replicate markers in the names (see inferGroups).
 */
export interface ReaderOptions {
  /** File or folder to read. */
  data: string;
  /** @default 'auto' */
  format?: ReaderFormat;
  /** Delimited text only. @default 'auto' (numeric header row -> rows; numeric first column -> columns) */
  orientation?: Orientation;
  /** Column (delimited, spectra as rows) holding the class: a header name or a 1-based number. */
  labelColumn?: string;
  /** Side file: CSV `id,label` (header optional), matched on sample names. */
  labels?: string;
  /** Regular expression over sample names with one capture group: the class. */
  labelPattern?: string;
  /** Column holding the group (replicate, sample, isolate): header name or 1-based number. */
  groupColumn?: string;
  /** Side file: CSV `id,group`. */
  groups?: string;
  /** Regular expression over sample names: capture group 1, or the whole match, is the group. */
  groupPattern?: string;
  /** Field delimiter. @default auto: tab, semicolon or comma, whichever splits the first line most */
  delimiter?: string;
  /**
   * Decimal mark of delimited text. @default auto: `,` when the delimiter is not a comma and
   * cells read as numbers only with a decimal comma (`51,1259;1700,78`), else `.`
   */
  decimal?: ',' | '.';
  /** Axis unit. @default 'cm-1' */
  unit?: string;
  /** UCR files have no axis: 1..p unless this gives p values (for example from another file). */
  axis?: number[];
  /**
   * Spectra on different axes (a folder) are put on the range most of them share; a spectrum whose
   * axis covers less than half of that range (a truncated file) is left out with a warning naming
   * it. With `strict`, such a spectrum is an error instead. @default false
   */
  strict?: boolean;
}
