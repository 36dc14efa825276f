import type { Dataset } from '../dataset.js';
import { splitDelimited } from '../parse/splitDelimited.js';
import { PART_NAMES, type PartName } from './splitTypes.js';

const PART_ALIASES: Record<string, PartName> = { train: 'train', training: 'train', validation: 'validation', val: 'validation', valid: 'validation', test: 'test', testing: 'test' };

/**
 * Reads a split table (CSV with a header): `split` (train, validation, test) and `column`
 * (1-based position among the spectra) and/or `sample`/`id` (matched on ids, then names).
 * With both, they must agree. Every spectrum of the data set must appear exactly once.
 */
export function splitFromTable(dataset: Dataset, text: string, source: string): number[][] {
  const { rows } = splitDelimited(text, source);
  const header = rows[0].cells.map((cell) => cell.trim().toLowerCase());
  const splitCol = header.indexOf('split');
  const posCol = header.indexOf('column');
  const idCol = header.findIndex((h) => ['sample', 'id', 'name'].includes(h));
  if (splitCol < 0 || (posCol < 0 && idCol < 0)) {
    throw new Error(`${source}:1: header "${rows[0].cells.join(',')}"; expected a "split" column and a "column" or "sample"/"id" column`);
  }
  const byId = new Map(dataset.ids.map((id, i) => [id, i]));
  const nameCount = new Map<string, number>();
  dataset.names.forEach((name) => nameCount.set(name, (nameCount.get(name) ?? 0) + 1));
  const assigned = new Map<number, PartName>();
  const parts: number[][] = [[], [], []];
  for (const row of rows.slice(1)) {
    const place = `${source}:${row.line}`;
    const part = PART_ALIASES[(row.cells[splitCol] ?? '').trim().toLowerCase()];
    if (!part) throw new Error(`${place}:${splitCol + 1}: split "${row.cells[splitCol]}"; expected train, validation or test`);
    let index: number | undefined;
    if (posCol >= 0) {
      const position = Number(row.cells[posCol]);
      if (!Number.isInteger(position) || position < 1 || position > dataset.ids.length) {
        throw new Error(`${place}:${posCol + 1}: column "${row.cells[posCol]}"; expected a position 1..${dataset.ids.length}`);
      }
      index = position - 1;
      const sample = idCol >= 0 ? row.cells[idCol].trim() : undefined;
      if (sample !== undefined && sample !== '' && sample !== dataset.names[index] && sample !== dataset.ids[index]) {
        throw new Error(`${place}: column ${position} is "${dataset.names[index]}" in the data but "${sample}" here; is this the split file of this data set?`);
      }
    } else {
      const sample = row.cells[idCol].trim();
      index = byId.get(sample);
      if (index === undefined) {
        if ((nameCount.get(sample) ?? 0) > 1) throw new Error(`${place}: sample "${sample}" names ${nameCount.get(sample)} spectra; use their ids (#2...) or a "column" column`);
        index = dataset.names.indexOf(sample);
      }
      if (index < 0) throw new Error(`${place}: sample "${sample}" is not in the data set`);
    }
    if (assigned.has(index)) throw new Error(`${place}: spectrum ${dataset.ids[index]} already assigned to ${assigned.get(index)}; expected each once`);
    assigned.set(index, part);
    parts[PART_NAMES.indexOf(part)].push(index);
  }
  const missing = dataset.ids.filter((_, i) => !assigned.has(i));
  if (missing.length > 0) {
    throw new Error(`${source}: ${missing.length} spectra of the data set are not in the split file (e.g. ${missing.slice(0, 3).join(', ')}); expected every spectrum once`);
  }
  return parts.map((p) => p.sort((a, b) => a - b));
}
