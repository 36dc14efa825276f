/**
 * What a text parser returns before labels, groups and axes are resolved: spectra exactly as
 * found, each with its own axis (often the same array), plus any text fields beside them.
 */
export interface RawSpectra {
  /** File (or folder) the spectra came from, for messages. */
  source: string;
  /** Sample name per spectrum, trimmed (as found; may repeat). */
  names: string[];
  /** Axis per spectrum, in file order (ascending or descending). */
  axes: Float64Array[];
  /** Intensities per spectrum, same order and length as its axis. */
  values: Float64Array[];
  /** Where each spectrum sits in its source, for messages ("column 3", "line 7", a file path). */
  places: string[];
  /** Non-numeric fields per spectrum by their header name (label, group, ... columns or rows). */
  fields: Record<string, string[]>;
  /** Class per spectrum implied by the layout (UCR label column, folder name), if any. */
  layoutLabels?: string[];
  /**
   * Where value `index` (0-based) of the shared axis sits in the source (`file:1:3` for a header
   * row), when the spectra share one axis read from the file; else errors name the spectrum.
   */
  axisAt?: (index: number) => string;
  /** The axis unit the file declares (an instrument file), when it does. */
  unit?: string;
  /** What read the spectra (`delimited`, `ucr`, `folder`, a spectrum reader's format such as `opus`). */
  format?: string;
  /** What the reader decided on its own (orientation, index axis), worth telling a user. */
  notes: string[];
}
