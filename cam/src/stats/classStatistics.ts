import { createClassStatistics, type ClassPattern } from './createClassStatistics.js';

/**
 * Per-class mean and std of the scaled maps and per-variable top-fraction frequency, over the
 * correctly classified spectra (study Figs 2-5). Arrays in, one pass of the streaming accumulator.
 */
export function classStatistics(
  scaledMaps: ArrayLike<number>[],
  trueLabels: string[],
  predicted: string[],
  classes: string[],
  fraction = 0.1,
): Record<string, ClassPattern> {
  if (!Array.isArray(scaledMaps)) throw new TypeError(`'scaledMaps' must be an array of maps`);
  if (!Array.isArray(trueLabels) || !Array.isArray(predicted)) {
    throw new TypeError(`'trueLabels' and 'predicted' must be arrays of class names`);
  }
  if (trueLabels.length !== scaledMaps.length || predicted.length !== scaledMaps.length) {
    throw new RangeError(
      `'trueLabels' (${trueLabels.length}) and 'predicted' (${predicted.length}) must have one entry per map (${scaledMaps.length})`,
    );
  }
  if (scaledMaps.length === 0) throw new RangeError(`'scaledMaps' must not be empty`);
  const acc = createClassStatistics(classes, scaledMaps[0]!.length, fraction);
  scaledMaps.forEach((map, i) => {
    try {
      acc.add(map, trueLabels[i]!, predicted[i]!);
    } catch (error) {
      // Say which spectrum failed; keep the error's kind.
      if (error instanceof Error) error.message = `spectrum ${i}: ${error.message}`;
      throw error;
    }
  });
  return acc.result();
}
