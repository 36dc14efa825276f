import type { Dataset } from './dataset.js';
import { readerFormats, type ReaderFormat, type ReaderOptions } from './readerOptions.js';
import { assembleDataset, type AssembleOptions } from './parse/assembleDataset.js';
import { parseDelimited } from './parse/parseDelimited.js';
import { parseSideFile } from './parse/parseSideFile.js';
import { parseUcr } from './parse/parseUcr.js';
import { detectTextFormat } from './detectFormat.js';
import { isDirectory, readFolder } from './readFolder.js';
import { readSpectrumFileRaw, spectrumFileReader } from './readSpectrumFile.js';
import { spectrumReaderNamed, type SpectrumReader } from './readers/spectrumReaders.js';
import { readTextFile } from './io/readTextFile.js';

/** Extra loading choices that are not reader options of a file (see AssembleOptions). */
export interface LoadOptions {
  /** Prediction reads unlabelled spectra: no error for missing labels or one class. @default true */
  labelsRequired?: boolean;
  /** The axis unit when neither the options nor the file give one (a model's, for prediction). @default 'cm-1' */
  fallbackUnit?: string;
}

/**
 * Reads a data set from a file or folder (format `auto` by default: a folder -> `folder`, an
 * instrument file (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec: its bytes say, else its extension) ->
 * its spectra, a headerless label-first text -> `ucr`, else `delimited`) and resolves labels,
 * groups and axis.
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
  else {
    const reader = await fileReader(path, format);
    if (reader) raw = await readSpectrumFileRaw(path, reader);
    else {
      const text = await readTextFile(path, 'delimited text (CSV, TSV), a UCR file or a spectrum file (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec)');
      const textFormat = format === 'auto' ? detectTextFormat(text, path) : format;
      raw =
        textFormat === 'ucr'
          ? parseUcr(text, { source: path, axis: options.axis, delimiter: options.delimiter, decimal: options.decimal })
          : parseDelimited(text, { source: path, orientation: options.orientation, delimiter: options.delimiter, decimal: options.decimal });
    }
  }
  return assembleDataset(raw, await assembleOptions(options, load));
}

/**
 * The spectrum reader for a file: the one `format` names, or with `auto` the one its bytes or
 * extension name; undefined for text tables (delimited, UCR).
 */
export async function fileReader(path: string, format: ReaderFormat): Promise<SpectrumReader | undefined> {
  if (format === 'auto') return spectrumFileReader(path);
  return spectrumReaderNamed(format);
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
    fallbackUnit: load.fallbackUnit,
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
