/** Shares of train, validation and test in a split. */
export type SplitRatios = [number, number, number];

/**
 * `--ratios` as given: three non-negative numbers for train, validation and test, separated by
 * colons or commas ("7:1:2", "0.7,0.1,0.2"); the split scales them to sum to 1.
 */
export function ratiosOption(value: string | undefined): SplitRatios | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(/[:,]/).map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v) || v < 0) || !(parts[0]! > 0)) {
    throw new Error(`--ratios takes three non-negative numbers for train, validation and test, train above 0 (e.g. 7:1:2 or 0.7,0.1,0.2), got '${value}'`);
  }
  return parts as SplitRatios;
}

export const RATIOS_DESCRIPTION = 'shares of train, validation and test in each split, e.g. 7:1:2 (the default) or 6:2:2';
