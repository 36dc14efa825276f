import { annotateRegions, minMaxScale, regionsOfTop, topRegions } from '@spectracam/cam';
import type { Region } from '@spectracam/cam';
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
  const { interpolator, axis, classes } = context;
  const map = options.full ? new Float64Array(axis.length) : context.scratch;
  interpolator.interpolateFrom(coarse, offset, map, mapRange);
  const spread = mapRange[1]! - mapRange[0]!;
  let peakIndex: number;
  let regions: Region[];
  if (mapRange[2] || !Number.isFinite(spread)) {
    // NaN, Infinity or a range that overflows: the checked path, which names the problem.
    minMaxScale(map, map);
    regions = topRegions(map, axis, options.top ?? 0.1);
    peakIndex = 0;
    for (let j = 1; j < map.length; j++) if (map[j]! > map[peakIndex]!) peakIndex = j;
  } else {
    peakIndex = scaleInPlace(map, mapRange[0]!, spread);
    // A scaled map with a range spans exactly [0, 1]: min maps to 0, max to (max-min)/(max-min) = 1.
    regions = spread > 0 ? regionsOfTop(map, axis, topK, 0, 1) : regionsOfTop(map, axis, topK);
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

// min, max, non-finite flag of the map just interpolated (filled by interpolateFrom).
const mapRange = new Float64Array(3);

/**
 * minMaxScale(map, map) for a finite map whose minimum and range (max - min, finite) are known:
 * one pass, no allocation. Returns the index of the first maximum of the scaled map.
 */
function scaleInPlace(map: Float64Array, min: number, range: number): number {
  const p = map.length;
  if (!(range > 0)) {
    map.fill(0);
    return 0;
  }
  let peakIndex = 0;
  let peak = -Infinity;
  for (let i = 0; i < p; i++) {
    const v = Math.min(1, (map[i]! - min) / range);
    map[i] = v;
    if (v > peak) {
      peak = v;
      peakIndex = i;
    }
  }
  return peakIndex;
}
