import type { Dataset } from '../dataset.js';
import { createPrng, shuffle } from '../random/prng.js';
import { groupUnits, spectrumUnits } from './splitUnits.js';

/**
 * Up to `k` cross-validation folds over `rows` of the data set (row indices), stratified by class:
 * each class's units (groups when the data set has them, else spectra) are shuffled with `seed`
 * and dealt round-robin, one deal continuing where the last class stopped so the folds' sizes stay
 * even. Never more folds than units; every row lies in exactly one fold.
 */
export function crossValidationFolds(dataset: Dataset, rows: readonly number[], k: number, seed: number): { folds: number[][]; unit: 'group' | 'spectrum' } {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`cross-validation needs at least 2 folds, got ${k}`);
  const unit = dataset.groups ? 'group' : 'spectrum';
  const units = unit === 'group' ? groupUnits(dataset, [...rows]) : spectrumUnits(dataset, [...rows]);
  if (units.length < 2) throw new RangeError(`cross-validation needs at least 2 ${unit === 'group' ? 'groups' : 'spectra'}, got ${units.length}`);
  const count = Math.min(k, units.length);
  const folds: number[][] = Array.from({ length: count }, () => []);
  const byClass = new Map<string, typeof units>();
  for (const u of units) byClass.set(u.label, [...(byClass.get(u.label) ?? []), u]);
  const prng = createPrng(seed);
  let at = 0;
  for (const label of [...byClass.keys()].sort()) {
    for (const u of shuffle([...byClass.get(label)!], prng)) folds[at++ % count]!.push(...u.members);
  }
  return { folds: folds.map((f) => f.sort((a, b) => a - b)), unit };
}
