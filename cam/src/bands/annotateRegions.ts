import type { Region } from '../top/topRegions.js';
import { validateBandTable, type Band, type BandTable } from './bandTable.js';

export interface AnnotatedRegion extends Region {
  /** The known band nearest to the region's peak, among those within the region +- tolerance. */
  band?: Band;
  /** |band - peak| in axis units (0 when the peak lies inside the band's range). */
  bandDistance?: number;
}

/**
 * Names regions after known bands. A band qualifies when its position (or range) falls within
 * the region widened by `toleranceAxisUnits` on both sides; of those, the one nearest the peak wins.
 */
export function annotateRegions(regions: Region[], bands: BandTable, toleranceAxisUnits = 10): AnnotatedRegion[] {
  if (!Array.isArray(regions)) throw new TypeError(`'regions' must be an array of regions`);
  const table = validateBandTable(bands, 'bands');
  if (typeof toleranceAxisUnits !== 'number' || !(toleranceAxisUnits >= 0)) {
    throw new RangeError(`'toleranceAxisUnits' must be a number >= 0, got ${toleranceAxisUnits}`);
  }
  return regions.map((region) => {
    const low = Math.min(region.start, region.end) - toleranceAxisUnits;
    const high = Math.max(region.start, region.end) + toleranceAxisUnits;
    let best: Band | undefined;
    let bestDistance = Infinity;
    for (const band of table.bands) {
      const [bLow, bHigh] = band.range ?? [band.position, band.position];
      if (bHigh < low || bLow > high) continue;
      const distance = band.range
        ? Math.max(bLow - region.peak, region.peak - bHigh, 0)
        : Math.abs(band.position - region.peak);
      if (distance < bestDistance) {
        best = band;
        bestDistance = distance;
      }
    }
    return best ? { ...region, band: best, bandDistance: bestDistance } : { ...region };
  });
}
