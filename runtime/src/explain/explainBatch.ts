import { annotateRegions, minMaxScale, regionsFromScan, summaryFromScan, topRegions } from '@spectracam/cam';
import type { Region, TopScan, TopSummary } from '@spectracam/cam';
import type { QuadraticInterpolator } from '@spectracam/cam';
import type { ClassExplanation, ExplainOptions } from '../types.js';

export interface ExplainContext {
  classes: readonly string[];
  axis: Float64Array;
  n3: number;
  /** Coarse map (one value per Conv3 position) -> full map on the model's axis: cam's exact spline. */
  interpolator: QuadraticInterpolator;
  /** Reused full map when the caller does not keep maps, so a spectrum allocates no map. */
  scratch: Float64Array;
  /** Reused per map: the scan that brackets its top values, and its range, peak and top threshold. */
  scan: TopScan;
  summary: TopSummary;
}

/** Class indices an `explain` call asks for, given the predicted one. */
export function requestedClasses(option: ExplainOptions['class'], predicted: number, classes: readonly string[]): number[] {
  if (option === undefined || option === 'predicted') return [predicted];
  if (option === 'all') return classes.map((_, i) => i);
  const index = classes.indexOf(option);
  if (index < 0) throw new RangeError(`class '${option}' is not one of the model's classes: ${classes.join(', ')}`);
  return [index];
}

/**
 * CAM of the classes `classIndices` from one spectrum's coarse maps, which start at `offset` in a
 * batch's block of coarse maps (conv3 x classifier weights, computed inside the ONNX graph; one
 * map of n3 values per class, in class order): full map through the spline, min-max scaling, top
 * regions named with bands. `topK` is topCount(p, options.top), computed (and checked) once per batch.
 */
export function explainRow(
  context: ExplainContext,
  coarse: Float32Array,
  offset: number,
  classIndices: readonly number[],
  options: ExplainOptions,
  topK: number,
): ClassExplanation[] {
  const out: ClassExplanation[] = [];
  for (let i = 0; i < classIndices.length; i++) {
    const c = classIndices[i]!;
    out.push(explainClass(context, coarse, offset + c * context.n3, c, options, topK));
  }
  return out;
}

/** The explanation of class `c` from its coarse map at coarse[offset .. offset + n3). */
export function explainClass(
  context: ExplainContext,
  coarse: Float32Array,
  offset: number,
  c: number,
  options: ExplainOptions,
  topK: number,
): ClassExplanation {
  const { interpolator, axis, classes, scan, summary } = context;
  const map = options.full ? new Float64Array(axis.length) : context.scratch;
  // Without `full` only the values that can reach the top or the minimum are computed.
  summaryFromScan(interpolator.interpolateScanned(coarse, offset, map, topK, scan, options.full === true), topK, scan, summary);
  let peakIndex: number;
  let regions: Region[];
  if (summary.ok) {
    // Regions from the unscaled map (scaling keeps the order); only their scores are rescaled.
    const { min, max, threshold, above } = summary;
    const spread = max - min;
    regions = regionsFromScan(map, axis, scan, threshold, topK - above);
    for (const region of regions) region.score = (region.score - min) / spread;
    peakIndex = summary.peakIndex;
    if (options.full) scaleInPlace(map, min, spread);
  } else {
    // NaN, Infinity, a constant map or a range that overflows: the checked path, which names the
    // problem or gives the constant map's zeros.
    interpolator.interpolateFrom(coarse, offset, map);
    minMaxScale(map, map);
    regions = topRegions(map, axis, options.top ?? 0.1);
    peakIndex = 0;
    for (let j = 1; j < map.length; j++) if (map[j]! > map[peakIndex]!) peakIndex = j;
  }
  const explanation: ClassExplanation = {
    class: classes[c]!,
    peak: axis[peakIndex]!,
    peakIndex,
    regions: options.bands ? annotateRegions(regions, options.bands, options.bandTolerance) : regions,
  };
  if (options.full) explanation.map = map;
  return explanation;
}

/** minMaxScale(map, map) for a finite map whose minimum and range (max - min > 0) are known. */
function scaleInPlace(map: Float64Array, min: number, range: number): void {
  const p = map.length;
  for (let i = 0; i < p; i++) map[i] = Math.min(1, (map[i]! - min) / range);
}
