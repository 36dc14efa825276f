/**
 * Marks the `k` largest values of `map` in `mask` (1 = selected, others 0); ties at the
 * threshold go to the lower index, so the selection is deterministic. Linear time: a
 * quickselect finds the threshold and one pass marks, so explaining a spectrum costs O(p)
 * however many variables are kept. Callers check `map` and `k` first.
 */
export function selectTop(map: ArrayLike<number>, k: number, mask: Uint8Array): Uint8Array {
  const p = map.length;
  const threshold = kthLargest(copyToScratch(map), p, k);
  let picked = 0;
  for (let i = 0; i < p; i++) {
    const above = map[i]! > threshold;
    mask[i] = above ? 1 : 0;
    if (above) picked++;
  }
  for (let i = 0; i < p && picked < k; i++) {
    if (map[i] === threshold) {
      mask[i] = 1;
      picked++;
    }
  }
  return mask;
}

// One scratch buffer reused across calls (JS runs one call at a time), so selecting the top
// variables of many spectra allocates nothing per spectrum.
let scratch = new Float64Array(0);

function copyToScratch(map: ArrayLike<number>): Float64Array {
  if (scratch.length < map.length) scratch = new Float64Array(map.length);
  if (ArrayBuffer.isView(map)) scratch.set(map as unknown as ArrayLike<number>);
  else for (let i = 0; i < map.length; i++) scratch[i] = map[i]!;
  return scratch;
}

/** k-th largest (1-based) of values[0..n) by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
