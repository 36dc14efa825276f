import { annotateRegions, minMaxScale, topRegions } from '@spectracam/cam';
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
 * CAM of the requested classes for spectrum `row` of a batch's coarse maps [rows, C, n3]
 * (conv3 x classifier weights, computed inside the ONNX graph): full map through the spline,
 * min-max scaling, top regions named with bands. Only the requested classes are interpolated.
 */
export function explainRow(
  context: ExplainContext,
  coarse: Float32Array,
  row: number,
  classIndices: readonly number[],
  options: ExplainOptions,
): ClassExplanation[] {
  const { n3, interpolator, axis, classes } = context;
  const C = classes.length;
  return classIndices.map((c) => {
    const offset = (row * C + c) * n3;
    const map = options.full ? new Float64Array(axis.length) : context.scratch;
    minMaxScale(interpolator.interpolate(coarse.subarray(offset, offset + n3), map), map);
    const regions = topRegions(map, axis, options.top ?? 0.1);
    const annotated = options.bands ? annotateRegions(regions, options.bands, options.bandTolerance) : regions;
    let peakIndex = 0;
    for (let j = 1; j < map.length; j++) if (map[j]! > map[peakIndex]!) peakIndex = j;
    return {
      class: classes[c]!,
      peak: axis[peakIndex]!,
      peakIndex,
      regions: annotated,
      ...(options.full ? { map } : {}),
    };
  });
}
