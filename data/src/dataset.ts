/** A labelled set of spectra on one axis: what every reader returns and the trainer consumes. */
export interface Dataset {
  /** Unique id per spectrum (a duplicated sample name gets a `#2`, `#3`... suffix). */
  ids: string[];
  /** Sample names as they appear in the source (may repeat). */
  names: string[];
  /** Class label per spectrum. */
  labels: string[];
  /** Sorted distinct class names. */
  classes: string[];
  /** Group per spectrum (replicate, sample, isolate), when known: splits keep a group on one side. */
  groups?: string[];
  /** The axis (x values), strictly monotonic, one per variable; stored ascending. */
  axis: Float64Array;
  /** Axis unit, `cm-1` unless the source says otherwise. */
  unit: string;
  /** One row per spectrum, each of axis.length values, in the order of `axis`. */
  spectra: Float32Array[];
  /** What read it: `delimited`, `ucr`, a spectrum file's format (`opus`, `wdf`, `spa`, `spc`, ...), or `folder (formats of its files)`. */
  format?: string;
  /** Where the data came from (file or folder path). */
  source: string;
  /** Non-fatal findings worth telling a user (duplicate names, resampling, ...). */
  warnings: string[];
}
