import type { ReaderOptions } from '@spectracam/data';

/** What `spectracam info DATA` reports: what the readers made of a data file or folder. */
export interface DataInfo {
  file: string;
  format: string;
  spectra: number;
  points: number;
  axis: { first: number; last: number; unit: string };
  /** Distinct labels found (empty when the data are unlabelled). */
  classes: string[];
  /** Distinct groups found, or null when none are known. */
  groups: string[] | null;
  warnings: string[];
}

/**
 * Reads DATA as predict would (readDatasetChunks: a piece at a time, so a large file is
 * described in bounded memory) and sums the pieces up. A later piece on another axis than the
 * first (a folder's slices resampled apart) is said in the warnings.
 */
export async function describeData(options: ReaderOptions): Promise<DataInfo> {
  const { readDatasetChunks } = await import('@spectracam/data');
  let first: { format: string; axis: Float64Array; unit: string } | undefined;
  let spectra = 0;
  const classes = new Set<string>();
  let groups: Set<string> | null = null;
  const warnings = new Set<string>();
  for await (const piece of readDatasetChunks(options, { labelsRequired: false })) {
    first ??= { format: piece.format ?? 'delimited', axis: piece.axis, unit: piece.unit };
    spectra += piece.spectra.length;
    for (const label of piece.labels) if (label !== '') classes.add(label);
    if (piece.groups) for (const group of piece.groups) (groups ??= new Set()).add(group);
    for (const warning of piece.warnings) warnings.add(warning);
    const a = piece.axis;
    if (a.length !== first.axis.length || a[0] !== first.axis[0] || a[a.length - 1] !== first.axis[first.axis.length - 1]) {
      warnings.add(`spectra from ${spectra - piece.spectra.length + 1} on lie on another axis (${a.length} points, ${a[0]}..${a[a.length - 1]}) than the first ones`);
    }
  }
  if (!first) throw new Error(`${options.data}: no spectra found`);
  return {
    file: options.data,
    format: first.format,
    spectra,
    points: first.axis.length,
    axis: { first: first.axis[0]!, last: first.axis[first.axis.length - 1]!, unit: first.unit },
    classes: [...classes].sort(),
    groups: groups ? [...(groups as Set<string>)].sort() : null,
    warnings: [...warnings],
  };
}

/** A few names, then a count: a folder may hold hundreds of groups. */
function list(names: readonly string[], most = 8): string {
  return names.length <= most ? names.join(', ') : `${names.slice(0, most).join(', ')}, ... (${names.length - most} more)`;
}

export function dataInfoText(info: DataInfo): string {
  const lines = [
    `${info.file}: ${info.format}, ${info.spectra} spectr${info.spectra === 1 ? 'um' : 'a'}`,
    `  axis:     ${info.points} points, ${info.axis.first} .. ${info.axis.last} ${info.axis.unit}`,
    `  classes:  ${info.classes.length > 0 ? `${list(info.classes)} (${info.classes.length})` : 'none found (unlabelled)'}`,
    `  groups:   ${info.groups ? `${list(info.groups)} (${info.groups.length})` : 'none known'}`,
  ];
  for (const warning of info.warnings) lines.push(`  note:     ${warning}`);
  return `${lines.join('\n')}\n`;
}
