/** Pearson correlation of two equally long vectors; NaN when either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`pearson: lengths ${a.length} and ${b.length} differ`);
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Mean Pearson correlation over all pairs of `vectors` (NaN pairs ignored; NaN with fewer than 2). */
export function meanPairwisePearson(vectors: readonly ArrayLike<number>[]): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const r = pearson(vectors[i]!, vectors[j]!);
      if (Number.isFinite(r)) {
        sum += r;
        count++;
      }
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}
