import type { Dataset } from './dataset.js';
import { readerFormats, type ReaderOptions } from './readerOptions.js';
import { assembleDataset, type AssembleOptions } from './parse/assembleDataset.js';
import { parseDelimited } from './parse/parseDelimited.js';
import { parseSideFile } from './parse/parseSideFile.js';
import { parseUcr } from './parse/parseUcr.js';
import { detectTextFormat } from './detectFormat.js';
import { isDirectory, readFolder } from './readFolder.js';
import { isSpectrumFile, readSpectrumFileRaw } from './readSpectrumFile.js';
import { readTextFile } from './io/readTextFile.js';

/** Extra loading choices that are not reader options of a file (see AssembleOptions). */
export interface LoadOptions {
  /** Prediction reads unlabelled spectra: no error for missing labels or one class. @default true */
  labelsRequired?: boolean;
}

/**
 * Reads a data set from a file or folder (format `auto` by default: a folder -> `folder`, a
 * JCAMP-DX or SPC file -> its spectra, a headerless label-first text -> `ucr`, else `delimited`)
 * and resolves labels, groups and axis.
 */
export async function loadDataset(options: ReaderOptions, load: LoadOptions = {}): Promise<Dataset> {
  const format = options.format ?? 'auto';
  if (!readerFormats.includes(format)) {
    throw new Error(`unknown reader format "${format}"; expected one of ${readerFormats.join(', ')}`);
  }
  const path = options.data;
  const folder = await isDirectory(path);
  if (format === 'folder' && !folder) throw new Error(`${path}: format folder needs a folder; this is a file`);
  if (folder && format !== 'folder' && format !== 'auto') throw new Error(`${path} is a folder; format ${format} reads a file`);
  let raw;
  if (folder) raw = await readFolder(path);
  else if (format === 'auto' && isSpectrumFile(path)) raw = await readSpectrumFileRaw(path);
  else {
    const text = await readTextFile(path, 'delimited text (CSV, TSV) or a UCR file');
    const textFormat = format === 'auto' ? detectTextFormat(text, path) : format;
    raw =
      textFormat === 'ucr'
        ? parseUcr(text, { source: path, axis: options.axis, delimiter: options.delimiter })
        : parseDelimited(text, { source: path, orientation: options.orientation, delimiter: options.delimiter });
  }
  return assembleDataset(raw, await assembleOptions(options, load));
}

/** How loadDataset assembles spectra from reader options: columns, patterns, side files read. */
export async function assembleOptions(options: ReaderOptions, load: LoadOptions = {}): Promise<AssembleOptions> {
  const assemble: AssembleOptions = {
    labelColumn: options.labelColumn,
    labelPattern: options.labelPattern,
    groupColumn: options.groupColumn,
    groupPattern: options.groupPattern,
    unit: options.unit,
    labelsRequired: load.labelsRequired,
    strict: options.strict,
  };
  if (options.labels !== undefined) {
    assemble.labelMap = parseSideFile(await readTextFile(options.labels, 'a labels file (CSV id,label)'), options.labels);
    assemble.labelFile = options.labels;
  }
  if (options.groups !== undefined) {
    assemble.groupMap = parseSideFile(await readTextFile(options.groups, 'a groups file (CSV id,group)'), options.groups);
    assemble.groupFile = options.groups;
  }
  return assemble;
}
