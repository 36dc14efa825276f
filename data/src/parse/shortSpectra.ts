/** Below this share of the range most spectra cover, a spectrum counts as short (a truncated file). */
const MIN_COVERAGE = 0.5;
/** Warnings name at most this many short spectra, then count the rest. */
const NAMED = 10;

/**
 * Spectra whose axis covers too little of the range the others share, so that one truncated
 * file does not narrow a whole folder's common axis (236-702 instead of 236-2106 cm-1).
 *
 * The rule: the shared range runs from the median of the spectra's lowest axis values to the
 * median of their highest; a spectrum covering less than half of it is short. Short spectra are
 * left out (with a warning naming each and its range) only while they are fewer than half of all
 * spectra: where most differ, the axes genuinely differ and all are kept, as before. With
 * `strict`, a short spectrum is an error naming it instead.
 */
export function shortSpectra(axes: readonly Float64Array[], places: readonly string[], strict: boolean): { dropped: number[]; warning?: string } {
  const n = axes.length;
  const lows: number[] = [];
  const highs: number[] = [];
  for (const axis of axes) {
    const first = axis[0] ?? NaN;
    const last = axis[axis.length - 1] ?? NaN;
    lows.push(Math.min(first, last));
    highs.push(Math.max(first, last));
  }
  const low = median(lows);
  const high = median(highs);
  if (n < 3 || !(high > low)) return { dropped: [] };
  const dropped: number[] = [];
  for (let i = 0; i < n; i++) {
    // Broken axes (one value, not finite) are left to alignAxes, which names the problem.
    if (axes[i]!.length < 2 || !Number.isFinite(lows[i]!) || !Number.isFinite(highs[i]!)) continue;
    const covered = Math.max(0, Math.min(highs[i]!, high) - Math.max(lows[i]!, low));
    if (covered < MIN_COVERAGE * (high - low)) dropped.push(i);
  }
  if (dropped.length === 0 || 2 * dropped.length >= n) return { dropped: [] };
  const range = (i: number) => `${lows[i]}..${highs[i]}`;
  if (strict) {
    const i = dropped[0]!;
    throw new Error(
      `${places[i]}: its axis covers only ${range(i)}, less than half of the range ${low}..${high} that most spectra share; ` +
        `expected a whole spectrum (a truncated file?)${dropped.length > 1 ? ` (${dropped.length - 1} more such spectra)` : ''}`,
    );
  }
  const named = dropped.slice(0, NAMED).map((i) => `${places[i]} (${range(i)})`);
  const more = dropped.length > NAMED ? ` and ${dropped.length - NAMED} more` : '';
  return {
    dropped,
    warning:
      `left out ${dropped.length} spectr${dropped.length > 1 ? 'a' : 'um'} whose axis covers less than half of the range ${low}..${high} that most spectra share ` +
      `(truncated files?): ${named.join(', ')}${more}; strict: true refuses them instead`,
  };
}

function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
