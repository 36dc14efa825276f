import { createPrng, shuffle } from '../random/prng.js';
import { PART_NAMES } from './splitTypes.js';

/** A unit that must stay whole (one spectrum, or one group), with its class. */
export interface SplitUnit {
  members: number[];
  label: string;
}

/**
 * Deals units to train/validation/test per class in the given ratios (stratified), after a
 * seeded shuffle. Every part with a positive ratio gets at least one unit of every class;
 * a class with fewer units than that is an error saying how many are needed.
 */
export function stratifiedUnits(units: SplitUnit[], ratios: [number, number, number], seed: number, unitName: string): number[][] {
  const total = ratios[0] + ratios[1] + ratios[2];
  if (!(ratios.every((r) => Number.isFinite(r) && r >= 0) && total > 0)) {
    throw new RangeError(`split ratios ${ratios.join(':')} are invalid; expected three non-negative numbers, e.g. 7:1:2`);
  }
  const share = ratios.map((r) => r / total);
  const needed = share.filter((s) => s > 0).length;
  const byClass = new Map<string, SplitUnit[]>();
  for (const unit of units) byClass.set(unit.label, [...(byClass.get(unit.label) ?? []), unit]);
  const prng = createPrng(seed);
  const parts: number[][] = [[], [], []];
  for (const label of [...byClass.keys()].sort()) {
    const list = shuffle([...byClass.get(label)!], prng);
    if (list.length < needed) {
      throw new Error(
        `class "${label}" has ${list.length} ${unitName}${list.length === 1 ? '' : 's'}; a ${ratios.join(':')} split needs at least ${needed} per class ` +
          `(one in each of ${PART_NAMES.filter((_, i) => share[i] > 0).join(', ')})`,
      );
    }
    // Validation and test first (the small parts), each at least 1 when its ratio is positive.
    const count = [0, 0, 0];
    for (const part of [2, 1]) count[part] = share[part] > 0 ? Math.max(1, Math.round(list.length * share[part])) : 0;
    count[0] = list.length - count[1] - count[2];
    // Keep train non-empty when it has a share: take back from the larger small part.
    while (share[0] > 0 && count[0] < 1) {
      const from = count[2] >= count[1] ? 2 : 1;
      count[from]--;
      count[0]++;
    }
    let k = 0;
    for (const part of [0, 1, 2]) for (let c = 0; c < count[part]; c++) parts[part].push(...list[k++].members);
  }
  return parts.map((part) => part.sort((a, b) => a - b));
}
