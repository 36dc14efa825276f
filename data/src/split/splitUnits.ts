import type { Dataset } from '../dataset.js';
import type { SplitUnit } from './stratifiedUnits.js';

/** Each spectrum as its own unit. */
export function spectrumUnits(dataset: Dataset, indices?: number[]): SplitUnit[] {
  return (indices ?? dataset.labels.map((_, i) => i)).map((i) => ({ members: [i], label: dataset.labels[i] }));
}

/** One unit per group, labelled with its most frequent class (ties: first in sorted order). */
export function groupUnits(dataset: Dataset, indices?: number[]): SplitUnit[] {
  const groups = dataset.groups;
  if (!groups) throw new Error('the data set has no groups; a group-aware split needs them (--group-column, --groups or --group-pattern)');
  const members = new Map<string, number[]>();
  for (const i of indices ?? dataset.labels.map((_, k) => k)) members.set(groups[i], [...(members.get(groups[i]) ?? []), i]);
  return [...members.values()].map((list) => {
    const counts = new Map<string, number>();
    for (const i of list) counts.set(dataset.labels[i], (counts.get(dataset.labels[i]) ?? 0) + 1);
    const label = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return { members: list, label };
  });
}
