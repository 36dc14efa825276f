import { shuffledIndices, seededRandom } from '@spectracam/data';
import { removeVariables } from './removeVariables.js';

/** Probabilities of each spectrum's classes, as a model gives them. */
export type ClassProbabilities = (spectra: Float32Array[]) => Promise<number[][]>;

export interface CurveResult {
  /** Fraction of variables removed (deletion) or restored (insertion) at each step. */
  fractions: number[];
  /** Mean probability of the explained class at each step. */
  deletion: number[];
  insertion: number[];
  /** Area under each curve (trapezoid over the fractions, 0..1). */
  deletionAuc: number;
  insertionAuc: number;
}

const area = (x: number[], y: number[]) => y.slice(1).reduce((s, v, i) => s + ((v + y[i]!) / 2) * (x[i + 1]! - x[i]!), 0);

/**
 * Deletion and insertion curves (Petsiuk et al. 2018) for spectra, each with the class to follow
 * and an ordering of its variables (most important first): remove the first k% of the ordering
 * (bridged, see removeVariables), or restore only those into a fully bridged spectrum, and watch
 * the class's probability. A faithful ordering makes deletion fall fast and insertion rise fast.
 */
export async function deletionCurves(
  spectra: readonly ArrayLike<number>[],
  classIndex: readonly number[],
  orderings: readonly ArrayLike<number>[],
  probabilities: ClassProbabilities,
  steps = 10,
  seed = 1,
): Promise<CurveResult> {
  const p = spectra[0]!.length;
  const fractions = Array.from({ length: steps + 1 }, (_, s) => s / steps);
  const deletion: number[] = [];
  const insertion: number[] = [];
  for (const fraction of fractions) {
    const k = Math.round(fraction * p);
    const deleted: Float32Array[] = [];
    const inserted: Float32Array[] = [];
    spectra.forEach((spectrum, i) => {
      const order = orderings[i]!;
      const removed = new Uint8Array(p);
      for (let r = 0; r < k; r++) removed[order[r]!] = 1;
      deleted.push(removeVariables(spectrum, removed, seed + i));
      inserted.push(removeVariables(spectrum, removed.map((v) => 1 - v), seed + i));
    });
    const pd = await probabilities(deleted);
    const pi = await probabilities(inserted);
    deletion.push(pd.reduce((s, row, i) => s + row[classIndex[i]!]!, 0) / spectra.length);
    insertion.push(pi.reduce((s, row, i) => s + row[classIndex[i]!]!, 0) / spectra.length);
  }
  return { fractions, deletion, insertion, deletionAuc: area(fractions, deletion), insertionAuc: area(fractions, insertion) };
}

/** Variables of a map from most to least important (ties by position). */
export function orderingOf(map: ArrayLike<number>): Int32Array {
  return Int32Array.from(Array.from({ length: map.length }, (_, j) => j).sort((a, b) => map[b]! - map[a]! || a - b));
}

/** The same curves for random orderings: the mean of `rounds` of them (the baseline a method must beat). */
export async function randomDeletionCurves(spectra: readonly ArrayLike<number>[], classIndex: readonly number[], probabilities: ClassProbabilities, rounds = 10, steps = 10, seed = 1): Promise<CurveResult> {
  const p = spectra[0]!.length;
  const results: CurveResult[] = [];
  for (let r = 0; r < rounds; r++) {
    const random = seededRandom(seed * 7919 + r);
    const orders = spectra.map(() => Int32Array.from(shuffledIndices(p, random)));
    results.push(await deletionCurves(spectra, classIndex, orders, probabilities, steps, seed + r));
  }
  const mean = (get: (c: CurveResult) => number[]) => get(results[0]!).map((_, s) => results.reduce((t, c) => t + get(c)[s]!, 0) / rounds);
  const fractions = results[0]!.fractions;
  const deletion = mean((c) => c.deletion);
  const insertion = mean((c) => c.insertion);
  return { fractions, deletion, insertion, deletionAuc: area(fractions, deletion), insertionAuc: area(fractions, insertion) };
}
