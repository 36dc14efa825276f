import type { Argv } from 'yargs';

/** Reader options shared by predict and explain (the same names as `spectracam train`'s). */
export function withReaderArgs<T>(yargs: Argv<T>) {
  return yargs
    .option('format', { choices: ['auto', 'delimited', 'ucr', 'folder'] as const, default: 'auto' as const, describe: 'Data format', group: 'Reader:' })
    .option('orientation', { choices: ['auto', 'rows', 'columns'] as const, describe: 'Delimited text: spectra as rows or columns', group: 'Reader:' })
    .option('label-column', { type: 'string', describe: 'Column with the class (header name or 1-based number), optional', group: 'Reader:' })
    .option('labels', { type: 'string', describe: 'Side file id,label (optional)', group: 'Reader:' })
    .option('label-pattern', { type: 'string', describe: 'Regular expression over sample names; group 1 is the class', group: 'Reader:' })
    .option('delimiter', { type: 'string', describe: 'Field delimiter (auto by default)', group: 'Reader:' })
    .option('unit', { type: 'string', describe: 'Axis unit (cm-1 by default)', group: 'Reader:' });
}
