import { annotateRegions, coarseMaps, minMaxScale, topRegions } from '@spectracam/cam';
import type { ClassExplanation, ExplainOptions } from '../types.js';
import type { BandedBasis } from './bandedBasis.js';
import { bandedMap } from './bandedBasis.js';

export interface ExplainContext {
  classes: readonly string[];
  axis: Float64Array;
  weight: Float32Array;
  channels: number;
  n3: number;
  basis: BandedBasis;
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
 * CAM of the requested classes for spectrum `row` of a batch's conv3 output [rows, channels, n3]:
 * coarse map from the classifier weights, full map through the spline basis, min-max scaling,
 * top regions named with bands.
 */
export function explainRow(
  context: ExplainContext,
  conv3: Float32Array,
  row: number,
  classIndices: readonly number[],
  options: ExplainOptions,
): ClassExplanation[] {
  const { channels, n3, weight, basis, axis, classes } = context;
  const size = channels * n3;
  const coarse = coarseMaps(conv3.subarray(row * size, (row + 1) * size), weight, n3);
  return classIndices.map((c) => {
    const full = bandedMap(coarse.subarray(c * n3, (c + 1) * n3), basis);
    const scaled = minMaxScale(full);
    const regions = topRegions(scaled, axis, options.top ?? 0.1);
    const annotated = options.bands ? annotateRegions(regions, options.bands, options.bandTolerance) : regions;
    let peakIndex = 0;
    for (let j = 1; j < scaled.length; j++) if (scaled[j]! > scaled[peakIndex]!) peakIndex = j;
    return {
      class: classes[c]!,
      peak: axis[peakIndex]!,
      peakIndex,
      regions: annotated,
      ...(options.full ? { map: scaled } : {}),
    };
  });
}
