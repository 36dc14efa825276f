/**
 * Ledoit-Wolf shrinkage of the covariance of already-centred rows toward mu I (mu: the mean of its
 * eigenvalues, trace / k), exactly as scikit-learn's `LedoitWolf(assume_centered=True)`:
 * S = X'X / n, shrunk = (1 - s) S + s mu I with s = min(beta, delta) / delta, where
 * delta = ||S - mu I||_F^2 / k and beta = (sum_i ||x_i||^4 / n - ||S||_F^2) / (k n).
 *
 * `rows`: n x k row-major, float64. Returns the shrunk covariance (k x k row-major), s and mu.
 */
export function ledoitWolf(rows: Float64Array, n: number, k: number): { covariance: Float64Array; shrinkage: number; mu: number } {
  if (rows.length !== n * k) throw new RangeError(`ledoitWolf: ${rows.length} values for ${n} x ${k}`);
  const s = new Float64Array(k * k);
  let beta = 0;
  for (let r = 0; r < n; r++) {
    const x = rows.subarray(r * k, (r + 1) * k);
    let norm2 = 0;
    for (let i = 0; i < k; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      norm2 += xi * xi;
      const row = i * k;
      for (let j = i; j < k; j++) s[row + j]! += xi * x[j]!;
    }
    beta += norm2 * norm2;
  }
  let trace = 0;
  let frobenius = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v = s[i * k + j]! / n;
      s[i * k + j] = v;
      s[j * k + i] = v;
      frobenius += i === j ? v * v : 2 * v * v;
    }
    trace += s[i * k + i]!;
  }
  const mu = trace / k;
  if (k === 1) return { covariance: s, shrinkage: 0, mu };
  const delta = (frobenius - k * mu * mu) / k;
  const b = Math.min((beta / n - frobenius) / (k * n), delta);
  const shrinkage = b === 0 ? 0 : b / delta;
  for (let i = 0; i < k * k; i++) s[i]! *= 1 - shrinkage;
  for (let i = 0; i < k; i++) s[i * k + i]! += shrinkage * mu;
  return { covariance: s, shrinkage, mu };
}
