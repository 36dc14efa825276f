import { annotateRegions, bandTables, minMaxScale, topRegions } from '@spectracam/cam';
import type { BandTable } from '@spectracam/cam';
import type { EvaluationResults } from '../evaluate/evaluationResults.js';

export interface ClassBandNote {
  className: string;
  /** Top regions of the class-mean map with their nearest known band. */
  regions: { start: number; end: number; peak: number; band?: string }[];
  /** Per reference band inside the axis: the highest share of spectra with a top variable within +-10 units. */
  bands: { position: number; name: string; share: number }[];
}

/** The band table that fits the axis: Raman below 600 cm-1, mid-IR otherwise. */
export function bandTableFor(axis: readonly number[]): BandTable {
  return Math.min(...axis) < 600 ? bandTables.raman : bandTables.midIr;
}

/**
 * Where each class's top variables sit relative to known bands (e.g. the 1740 cm-1 fat band
 * of the meat data): regions of the base partition's class-mean map, and per band the highest
 * top-fraction frequency within +-10 axis units of it.
 */
export function bandNotes(results: EvaluationResults, tolerance = 10): ClassBandNote[] {
  const axis = results.data.axis;
  const table = bandTableFor(axis);
  const lo = Math.min(...axis);
  const hi = Math.max(...axis);
  const inside = table.bands.filter((b) => b.position >= lo && b.position <= hi);
  const base = results.partitions[0]!;
  return results.data.classes.map((className) => {
    const maps = base.cnn.classMaps[className]!;
    if (maps.n === 0 || maps.mean.length === 0) return { className, regions: [], bands: [] };
    const regions = annotateRegions(topRegions(minMaxScale(maps.mean), axis, results.settings.fraction), table, tolerance).map((r) => ({
      start: r.start,
      end: r.end,
      peak: r.peak,
      ...(r.band ? { band: `${r.band.position} ${r.band.name}` } : {}),
    }));
    const bands = inside.map((b) => {
      let share = 0;
      axis.forEach((x, i) => Math.abs(x - b.position) <= tolerance && (share = Math.max(share, maps.frequency[i]!)));
      return { position: b.position, name: b.name, share };
    });
    return { className, regions, bands };
  });
}
