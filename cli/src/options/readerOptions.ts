import type { Argv } from 'yargs';
import type { ReaderFormat, ReaderOptions } from '@spectracam/data';
import { unitOption } from './units.js';

const GROUP = 'Reading data:';

/** Reader arguments as yargs parses them: data's ReaderOptions, with the choices' `auto` spelled out. */
export type ReaderArgv = Omit<ReaderOptions, 'format' | 'orientation' | 'axis'> & {
  format: NonNullable<ReaderOptions['format']>;
  orientation: NonNullable<ReaderOptions['orientation']>;
};

/**
 * The reader options shared by train, predict, explain and evaluate. Label and group defaults
 * are spelled out in the help so a user knows what happens without options.
 */
export function readerOptions<T>(yargs: Argv<T>, { dataRequired = true }: { dataRequired?: boolean } = {}) {
  return yargs
    .option('data', {
      type: 'string',
      demandOption: dataRequired,
      describe:
        'data file or folder: delimited text (CSV/TSV/semicolon, decimal point or comma), a UCR-style TSV, a spectrum file (Bruker OPUS, Renishaw WDF, Thermo OMNIC SPA, SPC, JCAMP-DX, Horiba LabSpec text; known by its bytes), or a folder of spectrum files (one sub-folder per class, or none: unlabelled)',
      group: GROUP,
    })
    // Spelled out, not imported from data: every command's builder loads this file.
    .option('format', {
      choices: ['auto', 'delimited', 'ucr', 'folder', 'opus', 'wdf', 'spa', 'spc', 'jcamp-dx', 'labspec', 'two-column'] as const satisfies readonly ReaderFormat[],
      default: 'auto' as const,
      describe: 'reader; auto: folder -> folder, a spectrum file -> its format (from its bytes, else its extension), headerless label-first text -> ucr, else delimited',
      group: GROUP,
    })
    .option('orientation', {
      choices: ['auto', 'rows', 'columns'] as const,
      default: 'auto' as const,
      describe: 'delimited text: spectra as rows (a numeric header row is the axis) or columns (the first column is the axis); auto detects which',
      group: GROUP,
    })
    .option('label-column', { type: 'string', describe: 'column (header name or 1-based number among text columns) holding the class; default: a column named label or class', group: GROUP })
    .option('labels', { type: 'string', describe: 'side file with lines id,label', group: GROUP })
    .option('label-pattern', {
      type: 'string',
      describe: 'regular expression over sample names, capture group 1 = class. Without any label option: folder names, a label/class column, or else the first _-token of the names less their common prefix, lower-cased (FreshChicken_... -> chicken)',
      group: GROUP,
    })
    .option('group-column', { type: 'string', describe: 'column holding the group (replicate, sample, isolate); default: a column named group', group: GROUP })
    .option('groups', { type: 'string', describe: 'side file with lines id,group', group: GROUP })
    .option('group-pattern', {
      type: 'string',
      describe: 'regular expression over sample names: capture group 1 (or the whole match) = group. Default: the name before a replicate marker _Run/_rep/_cell (X_RunA -> X)',
      group: GROUP,
    })
    .option('delimiter', { type: 'string', describe: 'field delimiter (default: tab, semicolon or comma, detected)', group: GROUP })
    .option('decimal', { choices: [',', '.'] as const, describe: 'decimal mark of delimited text (default: detected; a comma when cells read as numbers only with one, e.g. 51,1259;1700,78)', group: GROUP })
    .option('unit', { type: 'string', describe: 'axis unit: cm-1 (default), nm, um or index; must match a model\'s', group: GROUP });
}

/** Parsed argv -> ReaderOptions (only the options the user gave). */
export function toReaderOptions(argv: Partial<ReaderArgv> & { data: string }): ReaderOptions {
  const options: ReaderOptions = { data: argv.data };
  if (argv.format && argv.format !== 'auto') options.format = argv.format;
  if (argv.orientation && argv.orientation !== 'auto') options.orientation = argv.orientation;
  const copy = ['labelColumn', 'labels', 'labelPattern', 'groupColumn', 'groups', 'groupPattern', 'delimiter', 'unit'] as const;
  for (const key of copy) {
    const value = argv[key];
    if (value !== undefined && value !== '') options[key] = String(value);
  }
  if (argv.decimal === ',' || argv.decimal === '.') options.decimal = argv.decimal;
  if (options.unit !== undefined) options.unit = unitOption(options.unit);
  // A shell passes a tab typed as \t literally.
  if (options.delimiter === '\\t') options.delimiter = '\t';
  return options;
}
