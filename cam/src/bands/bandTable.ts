import { describe } from '../util/checks.js';

/** One known band: a position (and optionally a range) on the axis, with its assignment. */
export interface Band {
  position: number;
  /** Lower and upper edge for broad bands (e.g. amide III 1230-1300 cm-1). */
  range?: [number, number];
  name: string;
  assignment: string;
  /** Where the assignment comes from: the study or a reference text, by name. */
  source: string;
}

/** A list of bands on one kind of axis; users may pass their own (checked by validateBandTable). */
export interface BandTable {
  name: string;
  technique?: string;
  unit: string;
  bands: Band[];
}

/** Checks a band table's shape; messages name the offending entry, e.g. `bands[3].position`. */
export function validateBandTable(table: unknown, name = 'bands'): BandTable {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new TypeError(`'${name}' must be a band table object { name, unit, bands: [...] }, got ${describe(table)}`);
  }
  const t = table as Record<string, unknown>;
  for (const key of ['name', 'unit'] as const) {
    if (typeof t[key] !== 'string') throw new TypeError(`'${name}.${key}' must be a string, got ${describe(t[key])}`);
  }
  if (!Array.isArray(t.bands)) throw new TypeError(`'${name}.bands' must be an array, got ${describe(t.bands)}`);
  t.bands.forEach((entry: unknown, i: number) => {
    const at = `${name}.bands[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new TypeError(`'${at}' must be an object, got ${describe(entry)}`);
    const b = entry as Record<string, unknown>;
    if (typeof b.position !== 'number' || !Number.isFinite(b.position)) {
      throw new TypeError(`'${at}.position' must be a finite number, got ${describe(b.position)}`);
    }
    for (const key of ['name', 'assignment', 'source'] as const) {
      if (typeof b[key] !== 'string') throw new TypeError(`'${at}.${key}' must be a string, got ${describe(b[key])}`);
    }
    if (b.range !== undefined) {
      const r = b.range;
      if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new TypeError(`'${at}.range' must be [low, high] numbers, got ${describe(r)}`);
      }
      if (!(r[0] <= b.position && b.position <= r[1])) {
        throw new RangeError(`'${at}.range' [${r[0]}, ${r[1]}] must contain its position ${b.position}`);
      }
    }
  });
  return table as BandTable;
}
