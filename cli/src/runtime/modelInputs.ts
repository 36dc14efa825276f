import type { Dataset } from '@spectracam/data';
import { toReaderOptions } from '../options/readerOptions.js';
import type { ReaderArgv } from '../options/readerOptions.js';
import { checkSameUnit } from '../options/units.js';

/** Reader options as the predict and explain commands receive them from yargs (shared readerOptions). */
export type ReaderArgs = Partial<Omit<ReaderArgv, 'data'>>;

/**
 * DATA in pieces (readDatasetChunks): a file with one spectrum per row (or UCR) is read a few thousand rows
 * at a time and a folder a few hundred files at a time, so predicting or explaining any number of
 * spectra holds one piece in memory.
 */
export async function* modelInputChunks(data: string, args: ReaderArgs, modelUnit: string): AsyncGenerator<Dataset> {
  const { readDatasetChunks } = await import('@spectracam/data');
  const options = toReaderOptions({ ...args, data });
  // A unit the user gives must be the model's; without one the data are read on the model's.
  if (options.unit !== undefined) checkSameUnit(options.unit, modelUnit, `--unit ${args.unit}`);
  for await (const piece of readDatasetChunks({ ...options, unit: options.unit ?? modelUnit }, { labelsRequired: false })) {
    checkSameUnit(piece.unit, modelUnit, piece.source);
    yield piece;
  }
}

/** An id as one TSV cell: tabs and line breaks inside it would shift the columns. */
export function tsvCell(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}

/** The axis to pass to the runtime: none when the data already sits on the model's axis. */
export function axisOption(dataAxis: Float64Array, modelAxis: Float64Array): { axis?: Float64Array } {
  if (dataAxis.length === modelAxis.length && dataAxis.every((v, i) => Math.abs(v - modelAxis[i]!) <= 1e-9 * Math.max(1, Math.abs(v)))) {
    return {};
  }
  return { axis: dataAxis };
}

/** True when every label is one of the model's classes, so accuracy and class patterns mean something. */
export function labelsMatch(dataset: Dataset, classes: readonly string[]): boolean {
  const known = new Set(classes);
  return dataset.labels.length > 0 && dataset.labels.every((l) => known.has(l));
}
