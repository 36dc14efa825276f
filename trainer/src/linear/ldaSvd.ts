import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/** A fitted linear discriminant: decision_c(x) = coef_c . x + intercept_c. */
export interface LdaModel {
  classes: string[];
  priors: Float64Array;
  /** [C][d] */
  coef: Float64Array[];
  intercept: Float64Array;
}

export interface LdaOptions {
  /** Singular values at or below this count as rank-deficient (scikit-learn `tol`). @default 1e-4 */
  tol?: number;
}

/**
 * Linear discriminant analysis as scikit-learn's `LinearDiscriminantAnalysis(solver='svd')`
 * with priors from the class frequencies: the same within-class whitening by SVD, the same
 * rank cut-offs, hence the same predictions.
 */
export function ldaFit(x: readonly ArrayLike<number>[], labels: readonly string[], options: LdaOptions = {}): LdaModel {
  const { tol = 1e-4 } = options;
  const n = x.length;
  if (labels.length !== n) throw new RangeError(`LDA: ${n} rows but ${labels.length} labels`);
  const classes = [...new Set(labels)].sort();
  const nc = classes.length;
  if (nc < 2) throw new RangeError(`LDA needs at least 2 classes, got ${JSON.stringify(classes)}`);
  const d = x[0]!.length;
  const index = labels.map((l) => classes.indexOf(l));
  const counts = new Float64Array(nc);
  const means = classes.map(() => new Float64Array(d));
  x.forEach((row, i) => {
    counts[index[i]!]! += 1;
    for (let j = 0; j < d; j++) means[index[i]!]![j]! += row[j]!;
  });
  means.forEach((m, c) => m.forEach((_, j) => (m[j]! /= counts[c]!)));
  const priors = Float64Array.from(counts, (c) => c / n);
  const xbar = new Float64Array(d);
  means.forEach((m, c) => m.forEach((v, j) => (xbar[j]! += priors[c]! * v)));

  // Within-class centred data, grouped by class as scikit-learn concatenates it.
  const xc: number[][] = [];
  for (let c = 0; c < nc; c++) x.forEach((row, i) => index[i] === c && xc.push(Array.from({ length: d }, (_, j) => row[j]! - means[c]![j]!)));
  const std = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (const r of xc) m += r[j]!;
    m /= n;
    let s = 0;
    for (const r of xc) s += (r[j]! - m) ** 2;
    std[j] = Math.sqrt(s / n) || 1;
  }
  const fac = Math.sqrt(1 / (n - nc));
  const within = new Matrix(xc.map((r) => r.map((v, j) => (fac * v) / std[j]!)));
  const svd1 = new SingularValueDecomposition(within, { computeLeftSingularVectors: false, autoTranspose: true });
  const s1 = svd1.diagonal;
  const rank1 = s1.filter((s) => s > tol).length;
  const v1 = svd1.rightSingularVectors;
  // scalings (d x rank1) = V[:, :rank] / std[row] / S[col]
  let scalings = new Matrix(d, rank1);
  for (let j = 0; j < d; j++) for (let k = 0; k < rank1; k++) scalings.set(j, k, v1.get(j, k) / std[j]! / s1[k]!);

  const fac2 = nc === 1 ? 1 : 1 / (nc - 1);
  const between = new Matrix(means.map((m, c) => Array.from(m, (v, j) => Math.sqrt(n * priors[c]! * fac2) * (v - xbar[j]!)))).mmul(scalings);
  const svd2 = new SingularValueDecomposition(between, { computeLeftSingularVectors: false, autoTranspose: true });
  const s2 = svd2.diagonal;
  const rank2 = s2.filter((s) => s > tol * s2[0]!).length;
  scalings = scalings.mmul(svd2.rightSingularVectors.subMatrix(0, rank1 - 1, 0, rank2 - 1));

  const centred = new Matrix(means.map((m) => Array.from(m, (v, j) => v - xbar[j]!)));
  const reduced = centred.mmul(scalings); // C x rank2
  const full = reduced.mmul(scalings.transpose()); // C x d
  const coef = Array.from({ length: nc }, (_, c) => Float64Array.from(full.getRow(c)));
  const intercept = Float64Array.from({ length: nc }, (_, c) => {
    let ss = 0;
    for (const v of reduced.getRow(c)) ss += v * v;
    let shift = 0;
    for (let j = 0; j < d; j++) shift += xbar[j]! * coef[c]![j]!;
    return -0.5 * ss + Math.log(priors[c]!) - shift;
  });
  return { classes, priors, coef, intercept };
}

/** Decision scores [n][C]. */
export function ldaDecision(model: LdaModel, x: readonly ArrayLike<number>[]): Float64Array[] {
  return x.map((row) =>
    Float64Array.from(model.coef, (w, c) => {
      let s = model.intercept[c]!;
      for (let j = 0; j < w.length; j++) s += w[j]! * row[j]!;
      return s;
    }),
  );
}

/** Predicted class per row (the highest decision score). */
export function ldaPredict(model: LdaModel, x: readonly ArrayLike<number>[]): string[] {
  return ldaDecision(model, x).map((scores) => {
    let best = 0;
    for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
    return model.classes[best]!;
  });
}
