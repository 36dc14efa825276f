/**
 * The whitening of a symmetric positive definite covariance S (k x k row-major): the upper
 * triangular W = L^-T, where S = L L^T (Cholesky), so that W W^T = S^-1 (the precision matrix) and
 * ||(x - m) W||^2 is the squared Mahalanobis distance of the row vector x from m. Throws when S is
 * not positive definite (a pivot <= 0), naming the channel.
 */
export function whitening(covariance: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = covariance[j * k + j]!;
    for (let t = 0; t < j; t++) d -= l[j * k + t]! ** 2;
    if (!(d > 0)) throw new RangeError(`the covariance is not positive definite (pivot ${d} at channel ${j})`);
    const pivot = Math.sqrt(d);
    l[j * k + j] = pivot;
    for (let i = j + 1; i < k; i++) {
      let v = covariance[i * k + j]!;
      for (let t = 0; t < j; t++) v -= l[i * k + t]! * l[j * k + t]!;
      l[i * k + j] = v / pivot;
    }
  }
  // inv = L^-1 (lower), by forward substitution column by column; W = inv^T.
  const w = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let i = c; i < k; i++) {
      let v = i === c ? 1 : 0;
      for (let t = c; t < i; t++) v -= l[i * k + t]! * w[c * k + t]!;
      // w[c][i] = inv[i][c]
      w[c * k + i] = v / l[i * k + i]!;
    }
  }
  return w;
}

/** Squared distance of each row of `values` (rows x k) to the nearest of `whitenedMeans` (C x k), through W. */
export function nearestSquaredDistance(values: ArrayLike<number>, rows: number, w: Float64Array, whitenedMeans: Float64Array, k: number): Float64Array {
  return nearestClassMean(values, rows, w, whitenedMeans, k).distance;
}

/** For each row of `values` (rows x k): the squared distance to the nearest of `whitenedMeans` (C x k) through W, and that class's index. */
export function nearestClassMean(values: ArrayLike<number>, rows: number, w: Float64Array, whitenedMeans: Float64Array, k: number): { distance: Float64Array; index: Int32Array } {
  const classes = whitenedMeans.length / k;
  const distance = new Float64Array(rows);
  const index = new Int32Array(rows);
  const z = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    z.fill(0);
    for (let i = 0; i < k; i++) {
      const x = values[r * k + i]!;
      if (x === 0) continue;
      const row = i * k;
      for (let j = i; j < k; j++) z[j]! += x * w[row + j]!;
    }
    let best = Infinity;
    for (let c = 0; c < classes; c++) {
      let d = 0;
      for (let j = 0; j < k; j++) d += (z[j]! - whitenedMeans[c * k + j]!) ** 2;
      if (d < best) {
        best = d;
        index[r] = c;
      }
    }
    distance[r] = best;
  }
  return { distance, index };
}
