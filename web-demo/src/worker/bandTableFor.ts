import { bandTables } from '@spectracam/cam';
import type { BandTable } from '@spectracam/cam';

export type BandTableName = 'auto' | 'raman' | 'midIr' | 'none';

/**
 * Band table used to name regions. `auto` guesses from the axis: mid-IR spectra of the study
 * reach past 2200 cm-1 less often than they start above 900; Raman spectra usually start low.
 */
export function bandTableFor(name: BandTableName, axis: ArrayLike<number>): BandTable | undefined {
  if (name === 'none') return undefined;
  if (name === 'raman') return bandTables.raman;
  if (name === 'midIr') return bandTables.midIr;
  const first = Math.min(axis[0]!, axis[axis.length - 1]!);
  return first < 600 ? bandTables.raman : bandTables.midIr;
}
