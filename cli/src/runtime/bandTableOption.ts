import { readFile } from 'node:fs/promises';
import type { BandTable } from '@spectracam/cam';

/**
 * `--bands raman|mid-ir|none|FILE`; `auto` picks Raman when the axis reaches below 400 cm-1
 * (Raman shifts do, mid-IR spectra rarely start below 400) and mid-IR otherwise.
 */
export async function bandTableOption(value: string, axis: Float64Array): Promise<BandTable | undefined> {
  const { bandTables, validateBandTable } = await import('@spectracam/cam');
  const choice = value === 'auto' ? (Math.min(axis[0]!, axis[axis.length - 1]!) < 400 ? 'raman' : 'mid-ir') : value;
  if (choice === 'none') return undefined;
  if (choice === 'raman') return bandTables.raman;
  if (choice === 'mid-ir') return bandTables.midIr;
  let text: string;
  try {
    text = await readFile(choice, 'utf8');
  } catch (error) {
    throw new Error(`--bands ${choice}: not raman, mid-ir, none or a readable JSON file (${error instanceof Error ? error.message : error})`);
  }
  try {
    return validateBandTable(JSON.parse(text), choice);
  } catch (error) {
    throw new Error(`--bands ${choice}: ${error instanceof Error ? error.message : error}`);
  }
}
