import type { Dataset } from '@spectracam/data';
import { toReaderOptions } from '../options/readerOptions.js';
import type { ReaderArgv } from '../options/readerOptions.js';
import { checkSameUnit } from '../options/units.js';
import { expandInputs, STDIN } from '../inputs/expandInputs.js';

/** Reader options as the predict and explain commands receive them from yargs (shared readerOptions). */
export type ReaderArgs = Partial<Omit<ReaderArgv, 'data'>>;

/**
 * DATA in pieces, input after input: files, folders, glob patterns and `-` (standard input, read
 * whole; its format told from the bytes). Each file or folder is read by readDatasetChunks: a file
 * with one spectrum per row (or UCR) a few thousand rows at a time and a folder a few hundred files
 * at a time, so predicting or explaining any number of spectra holds one piece in memory. Spectra
 * read in the file's unit, else in the model's; another unit than the model's is refused.
 */
export async function* modelInputChunks(data: string | readonly string[], args: ReaderArgs, modelUnit: string): AsyncGenerator<Dataset> {
  const { readDatasetChunks } = await import('@spectracam/data');
  const inputs = await expandInputs(typeof data === 'string' ? [data] : data);
  if (inputs.length === 0) throw new Error('DATA is missing: give spectra files or folders, or - for standard input');
  for (const input of inputs) {
    const options = toReaderOptions({ ...args, data: input });
    // A unit the user gives must be the model's; without one the file's, else the model's.
    if (options.unit !== undefined) checkSameUnit(options.unit, modelUnit, `--unit ${args.unit}`);
    const pieces = input === STDIN ? stdinDataset(options, modelUnit) : readDatasetChunks(options, { labelsRequired: false, fallbackUnit: modelUnit });
    for await (const piece of pieces) {
      checkSameUnit(piece.unit, modelUnit, piece.source);
      yield piece;
    }
  }
}

/** Standard input as one piece: read whole, the format told from its bytes. */
async function* stdinDataset(options: ReturnType<typeof toReaderOptions>, modelUnit: string): AsyncGenerator<Dataset> {
  const { datasetFromBytes } = await import('@spectracam/data');
  const { readStdin } = await import('../inputs/readStdin.js');
  const { data: _data, labels, groups, format, ...rest } = options;
  if (labels !== undefined || groups !== undefined) throw new Error('--labels and --groups side files name sample ids of a file; with - (standard input) use a label column or --label-pattern');
  if (format === 'folder') throw new Error('--format folder reads a folder; - (standard input) is one file');
  yield await datasetFromBytes(await readStdin(), { ...rest, ...(format ? { format } : {}), source: 'stdin', labelsRequired: false, fallbackUnit: modelUnit });
}

/** An id as one TSV cell: tabs and line breaks inside it would shift the columns. */
export function tsvCell(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}

/**
 * The axis to pass to the runtime: none when the data already sits on the model's axis; with it,
 * `--extend-ends` (how far the data may stop short of the model's axis) where given.
 */
export function axisOption(dataAxis: Float64Array, modelAxis: Float64Array, extendEnds?: number): { axis?: Float64Array; extendEnds?: number } {
  if (dataAxis.length === modelAxis.length && dataAxis.every((v, i) => Math.abs(v - modelAxis[i]!) <= 1e-9 * Math.max(1, Math.abs(v)))) {
    return {};
  }
  return { axis: dataAxis, ...(extendEnds ? { extendEnds } : {}) };
}

/** True when every label is one of the model's classes, so accuracy and class patterns mean something. */
export function labelsMatch(dataset: Dataset, classes: readonly string[]): boolean {
  const known = new Set(classes);
  return dataset.labels.length > 0 && dataset.labels.every((l) => known.has(l));
}
