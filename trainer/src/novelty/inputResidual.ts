import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * The principal subspace of the training part's network input (after the preprocessing): what a
 * spectrum that the model has seen the like of is made of. A spectrum's Q residual (squared
 * distance to the subspace, SIMCA's Q) is large when it holds a band, a baseline or noise that no
 * training spectrum had, whether or not the classifier's features react to it.
 */
export interface InputResidual {
  /** Training mean, [p]. */
  mean: Float64Array;
  /** Orthonormal loadings, [components x p] row-major. */
  basis: Float64Array;
  components: number;
  /** Share of the training part's variance the subspace holds. */
  explained: number;
}

export interface InputResidualOptions {
  /** Smallest subspace holding this share of the variance. @default 0.99 */
  variance?: number;
  /** @default 30 */
  maxComponents?: number;
}

/** PCA by the eigenvectors of the n x n Gram matrix (n spectra below p variables: the cheaper side). */
export function fitInputResidual(spectra: readonly ArrayLike<number>[], options: InputResidualOptions = {}): InputResidual {
  const n = spectra.length;
  if (n < 2) throw new RangeError(`the input subspace needs at least 2 training spectra, got ${n}`);
  const p = spectra[0]!.length;
  const mean = new Float64Array(p);
  for (const s of spectra) for (let j = 0; j < p; j++) mean[j]! += s[j]! / n;
  const centred = new Matrix(n, p);
  spectra.forEach((s, i) => { for (let j = 0; j < p; j++) centred.set(i, j, s[j]! - mean[j]!); });
  const gram = centred.mmul(centred.transpose());
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, k) => [Math.max(v, 0), k] as const).sort((a, b) => b[0] - a[0]);
  const total = order.reduce((s, [v]) => s + v, 0);
  const wanted = options.variance ?? 0.99;
  const cap = Math.min(options.maxComponents ?? 30, n - 1);
  let components = 0;
  let held = 0;
  while (components < cap && order[components]![0] > 0 && (total === 0 || held / total < wanted)) held += order[components++]![0];
  const basis = new Float64Array(components * p);
  const vectors = eig.eigenvectorMatrix;
  for (let a = 0; a < components; a++) {
    const [value, k] = order[a]!;
    const norm = Math.sqrt(value);
    // Loading = X^T u / sigma.
    for (let i = 0; i < n; i++) {
      const u = vectors.get(i, k) / norm;
      if (u === 0) continue;
      for (let j = 0; j < p; j++) basis[a * p + j]! += u * centred.get(i, j);
    }
  }
  return { mean, basis, components, explained: total === 0 ? 1 : held / total };
}

/** Q residual of each spectrum: |x - mean|^2 - |P (x - mean)|^2 (P orthonormal). */
export function inputResidualScores(model: InputResidual, spectra: readonly ArrayLike<number>[]): Float64Array {
  const p = model.mean.length;
  return Float64Array.from(spectra, (s) => {
    const d = Float64Array.from({ length: p }, (_, j) => s[j]! - model.mean[j]!);
    let q = d.reduce((sum, v) => sum + v * v, 0);
    for (let a = 0; a < model.components; a++) {
      let t = 0;
      for (let j = 0; j < p; j++) t += model.basis[a * p + j]! * d[j]!;
      q -= t * t;
    }
    return Math.max(q, 0);
  });
}
