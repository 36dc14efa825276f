import type { RawSpectra } from './rawSpectra.js';

/** `raw` without the spectra at `indices` (ascending): names, axes, values, places, fields and layout labels alike. */
export function withoutSpectra(raw: RawSpectra, indices: readonly number[]): RawSpectra {
  const gone = new Set(indices);
  const keep = <T>(list: readonly T[]): T[] => list.filter((_, i) => !gone.has(i));
  const fields: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(raw.fields)) fields[key] = keep(values);
  return {
    ...raw,
    names: keep(raw.names),
    axes: keep(raw.axes),
    values: keep(raw.values),
    places: keep(raw.places),
    fields,
    ...(raw.layoutLabels ? { layoutLabels: keep(raw.layoutLabels) } : {}),
  };
}
