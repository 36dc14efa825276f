import type { Dataset } from '../dataset.js';
import type { Orientation } from '../readerOptions.js';
import { assembleDataset, type AssembleOptions } from './assembleDataset.js';
import { parseDelimited } from './parseDelimited.js';
import { parseUcr } from './parseUcr.js';

export interface DatasetFromTextOptions extends AssembleOptions {
  /** Name shown in messages. */
  source: string;
  /** @default 'delimited' */
  format?: 'delimited' | 'ucr';
  orientation?: Orientation;
  delimiter?: string;
  /** Decimal mark. @default auto (see detectDecimal) */
  decimal?: ',' | '.';
  /** UCR only: axis values (1..p by default). */
  axis?: ArrayLike<number>;
}

/** One text (a dropped file in the browser, a read file in Node) to a Dataset. */
export function datasetFromText(text: string, options: DatasetFromTextOptions): Dataset {
  const raw =
    options.format === 'ucr'
      ? parseUcr(text, { source: options.source, axis: options.axis, delimiter: options.delimiter, decimal: options.decimal })
      : parseDelimited(text, { source: options.source, orientation: options.orientation, delimiter: options.delimiter, decimal: options.decimal });
  return assembleDataset(raw, options);
}
