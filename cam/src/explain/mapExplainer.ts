import type { CamAlignment } from '../map/camKnots.js';
import { createCamInterpolator } from '../map/camInterpolator.js';
import { minMaxScale } from '../map/minMaxScale.js';
import type { QuadraticInterpolator } from '../spline/quadraticInterpolator.js';
import { TopScan } from '../top/topScan.js';
import { createTopSummary, summaryFromScan } from '../top/topSummary.js';
import { regionsFromScan, topRegions, type Region } from '../top/topRegions.js';
import { topCount } from '../top/topCount.js';
import { annotateRegions, type AnnotatedRegion } from '../bands/annotateRegions.js';
import type { BandTable } from '../bands/bandTable.js';

/** What to make of one coarse map. */
export interface MapExplainOptions {
  /** Fraction of variables kept as top variables. @default 0.1 */
  top?: number;
  /** Return the min-max scaled map on the input axis. @default false */
  full?: boolean;
  /** Band table used to name regions; none means regions are not annotated. */
  bands?: BandTable;
  /** Largest distance (axis units) between a region and the band that names it. @default 10 */
  bandTolerance?: number;
}

/** One class's map of one spectrum, explained. */
export interface MapExplanation {
  /** Position (axis units) and index of the map's maximum. */
  peak: number;
  peakIndex: number;
  /** Contiguous top variables, highest score first (scores on the 0..1 scale), named with bands when a table was given. */
  regions: AnnotatedRegion[];
  /** Min-max scaled map on the input axis (only with `full`). */
  map?: Float64Array;
}

/** The CAM pipeline of one model: coarse map -> full map -> min-max scaling -> top regions -> bands. */
export interface MapExplainer {
  readonly axis: Float64Array;
  /** Explains the coarse map (one value per last-layer position) at coarse[offset .. offset + N). */
  explain(coarse: ArrayLike<number>, offset: number, options?: MapExplainOptions): MapExplanation;
  /** Explains a map already at input resolution (an attribution), at values[offset .. offset + p): scaled by magnitude, |v| / max |v|, then the same top and bands. */
  explainFull(values: ArrayLike<number>, offset: number, options?: MapExplainOptions): MapExplanation;
}

/**
 * The explain pipeline (study section 2.2) for a model whose last conv positions have the
 * receptive-field `centres` (fractional input indices) on `axis`. Every caller (the runtime, the
 * evaluation) goes through this one function, so a map is made the same way everywhere. Without
 * `full` only the spline segments that can reach the top or the minimum are evaluated; the
 * result is the same as from the whole map. Reuses its buffers: not for concurrent use.
 */
export function createMapExplainer(centres: ArrayLike<number>, axis: ArrayLike<number>, alignment: CamAlignment = 'receptive-field'): MapExplainer {
  const ax = Float64Array.from(axis);
  for (let i = 0; i < ax.length; i++) {
    if (!Number.isFinite(ax[i]!)) throw new RangeError(`'axis[${i}]' must be finite, got ${ax[i]}`);
  }
  const interpolator: QuadraticInterpolator = createCamInterpolator(centres, ax.length, alignment);
  const scratch = new Float64Array(ax.length);
  const scan = new TopScan(ax.length);
  const summary = createTopSummary();
  let lastTop = Number.NaN;
  let lastK = 0;
  const kFor = (top: number) => {
    if (top !== lastTop) {
      lastK = topCount(ax.length, top);
      lastTop = top;
    }
    return lastK;
  };
  return {
    axis: ax,
    explain(coarse, offset, options = {}) {
      const top = options.top ?? 0.1;
      const topK = kFor(top);
      const full = options.full === true;
      const map = full ? new Float64Array(ax.length) : scratch;
      summaryFromScan(interpolator.interpolateScanned(coarse, offset, map, topK, scan, full), topK, scan, summary);
      let peakIndex: number;
      let regions: Region[];
      if (summary.ok) {
        // Regions from the unscaled map (scaling keeps the order); only their scores are rescaled.
        const { min, max, threshold, above } = summary;
        const spread = max - min;
        regions = regionsFromScan(map, ax, scan, threshold, topK - above);
        for (const region of regions) region.score = (region.score - min) / spread;
        peakIndex = summary.peakIndex;
        if (full) for (let i = 0; i < map.length; i++) map[i] = Math.min(1, (map[i]! - min) / spread);
      } else {
        // NaN, Infinity, a constant map or a range that overflows: the checked path, which names
        // the problem or gives the constant map's zeros.
        interpolator.interpolateFrom(coarse, offset, map);
        minMaxScale(map, map);
        regions = topRegions(map, ax, top);
        peakIndex = 0;
        for (let j = 1; j < map.length; j++) if (map[j]! > map[peakIndex]!) peakIndex = j;
      }
      const explanation: MapExplanation = {
        peak: ax[peakIndex]!,
        peakIndex,
        regions: options.bands ? annotateRegions(regions, options.bands, options.bandTolerance) : regions,
      };
      if (full) explanation.map = map;
      return explanation;
    },
    explainFull(values, offset, options = {}) {
      const map = new Float64Array(ax.length);
      // An attribution's sign is a direction, not an importance, and zero must stay zero: |v| / max |v|.
      let top = 0;
      for (let j = 0; j < ax.length; j++) top = Math.max(top, (map[j] = Math.abs(values[offset + j]!)));
      if (top > 0) for (let j = 0; j < ax.length; j++) map[j]! /= top;
      const regions = topRegions(map, ax, options.top ?? 0.1);
      let peakIndex = 0;
      for (let j = 1; j < map.length; j++) if (map[j]! > map[peakIndex]!) peakIndex = j;
      const explanation: MapExplanation = {
        peak: ax[peakIndex]!,
        peakIndex,
        regions: options.bands ? annotateRegions(regions, options.bands, options.bandTolerance) : regions,
      };
      if (options.full) explanation.map = map;
      return explanation;
    },
  };
}
