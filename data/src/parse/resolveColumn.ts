import type { RawSpectra } from './rawSpectra.js';

/**
 * Values of a text field named by header (case- and space-insensitive) or by 1-based position
 * among the text columns. Throws listing the fields that exist.
 */
export function resolveColumn(raw: RawSpectra, column: string, what: 'label' | 'group'): string[] {
  const keys = Object.keys(raw.fields);
  const wanted = column.trim().toLowerCase();
  let key = keys.find((k) => k.trim().toLowerCase() === wanted);
  if (key === undefined && /^\d+$/.test(wanted)) key = keys[Number(wanted) - 1];
  if (key === undefined) {
    throw new Error(
      `${raw.source}: no ${what} column "${column}"; expected one of: ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : '(the file has no text columns)'}`,
    );
  }
  const values = raw.fields[key];
  const empty = values.findIndex((value) => value === '');
  if (empty >= 0) throw new Error(`${raw.places[empty]}: empty ${what} in column "${key}"; expected a value for every spectrum`);
  return values;
}

/** A field whose header is one of `names` (case-insensitive), if the file has one. */
export function findField(raw: RawSpectra, names: string[]): string | undefined {
  return Object.keys(raw.fields).find((key) => names.includes(key.trim().toLowerCase()));
}
