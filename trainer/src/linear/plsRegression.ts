import { Matrix, pseudoInverse } from 'ml-matrix';

export interface PlsFitOptions {
  /** NIPALS power iterations per component. @default 500 */
  maxIter?: number;
  /** Convergence: squared change of the x weights below this. @default 1e-6 */
  tol?: number;
}

/** A fitted PLS2 regression, X centred and not scaled (scikit-learn `PLSRegression(scale=False)`). */
export interface PlsModel {
  /** Components actually extracted (fewer than asked only when Y is fully explained). */
  components: number;
  xMean: Float64Array;
  yMean: Float64Array;
  /** Per component: x weights w_a (unit norm, length p). */
  xWeights: Float64Array[];
  /** Per component: x loadings p_a (length p). */
  xLoadings: Float64Array[];
  /** Per component: y loadings q_a (length q). */
  yLoadings: Float64Array[];
  /** Per component: training x scores t_a (length n). */
  xScores: Float64Array[];
  /** Power iterations each component took. */
  iterations: number[];
}

const EPS = 2.220446049250313e-16;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function centre(rows: readonly ArrayLike<number>[], width: number): { data: Float64Array[]; mean: Float64Array } {
  const mean = new Float64Array(width);
  for (const row of rows) for (let j = 0; j < width; j++) mean[j]! += row[j]!;
  for (let j = 0; j < width; j++) mean[j]! /= rows.length;
  const data = rows.map((row) => Float64Array.from({ length: width }, (_, j) => row[j]! - mean[j]!));
  return { data, mean };
}

/**
 * PLS2 by NIPALS exactly as scikit-learn 1.x does it (mode A, regression deflation, same start
 * vector, stopping rule and sign convention), so weights, VIP and predictions agree to rounding.
 */
export function plsFit(
  x: readonly ArrayLike<number>[],
  y: readonly ArrayLike<number>[],
  components: number,
  options: PlsFitOptions = {},
): PlsModel {
  const { maxIter = 500, tol = 1e-6 } = options;
  const n = x.length;
  if (n < 2) throw new RangeError(`PLS needs at least 2 training spectra, got ${n}`);
  if (y.length !== n) throw new RangeError(`PLS: ${n} spectra but ${y.length} response rows`);
  const p = x[0]!.length;
  const q = y[0]!.length;
  if (!Number.isInteger(components) || components < 1 || components > p) {
    throw new RangeError(`PLS: components must be an integer in 1..${p}, got ${components}`);
  }
  const { data: xk, mean: xMean } = centre(x, p);
  const { data: yk, mean: yMean } = centre(y, q);
  const model: PlsModel = { components: 0, xMean, yMean, xWeights: [], xLoadings: [], yLoadings: [], xScores: [], iterations: [] };

  for (let k = 0; k < components; k++) {
    // Columns of Y that are numerically zero are set to exactly zero (as scikit-learn does).
    for (let j = 0; j < q; j++) {
      if (yk.every((row) => Math.abs(row[j]!) < 10 * EPS)) for (const row of yk) row[j] = 0;
    }
    let start = -1;
    for (let j = 0; j < q && start < 0; j++) if (yk.some((row) => Math.abs(row[j]!) > EPS)) start = j;
    if (start < 0) break; // Y residual is constant: nothing left to explain
    let yScore = Float64Array.from(yk, (row) => row[start]!);
    let wOld: Float64Array | null = null;
    let w = new Float64Array(p);
    let c = new Float64Array(q);
    let iter = 0;
    for (; iter < maxIter; iter++) {
      const yy = dot(yScore, yScore);
      w = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        const s = yScore[i]!;
        const row = xk[i]!;
        for (let j = 0; j < p; j++) w[j]! += row[j]! * s;
      }
      for (let j = 0; j < p; j++) w[j]! /= yy;
      const norm = Math.sqrt(dot(w, w)) + EPS;
      for (let j = 0; j < p; j++) w[j]! /= norm;
      const t = Float64Array.from(xk, (row) => dot(row, w));
      const tt = dot(t, t);
      c = new Float64Array(q);
      for (let i = 0; i < n; i++) for (let j = 0; j < q; j++) c[j]! += yk[i]![j]! * t[i]!;
      for (let j = 0; j < q; j++) c[j]! /= tt;
      const cc = dot(c, c) + EPS;
      yScore = Float64Array.from(yk, (row) => dot(row, c) / cc);
      let diff = 0;
      for (let j = 0; j < p; j++) diff += (w[j]! - (wOld ? wOld[j]! : 100)) ** 2;
      if (diff < tol || q === 1) break;
      wOld = w;
    }
    model.iterations.push(Math.min(iter + 1, maxIter));
    // Sign convention: the largest |weight| is positive.
    let big = 0;
    for (let j = 1; j < p; j++) if (Math.abs(w[j]!) > Math.abs(w[big]!)) big = j;
    const sign = Math.sign(w[big]!);
    for (let j = 0; j < p; j++) w[j]! *= sign;

    const t = Float64Array.from(xk, (row) => dot(row, w));
    const tt = dot(t, t);
    const loading = new Float64Array(p);
    const yLoading = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) loading[j]! += t[i]! * xk[i]![j]!;
      for (let j = 0; j < q; j++) yLoading[j]! += t[i]! * yk[i]![j]!;
    }
    for (let j = 0; j < p; j++) loading[j]! /= tt;
    for (let j = 0; j < q; j++) yLoading[j]! /= tt;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) xk[i]![j]! -= t[i]! * loading[j]!;
      for (let j = 0; j < q; j++) yk[i]![j]! -= t[i]! * yLoading[j]!;
    }
    model.xWeights.push(w);
    model.xLoadings.push(loading);
    model.yLoadings.push(yLoading);
    model.xScores.push(t);
    model.components++;
  }
  return model;
}

/** Projection of the first `a` components: R = W (P'W)^+, p x a (scikit-learn's `x_rotations_`). */
export function plsRotations(model: PlsModel, a: number = model.components): Matrix {
  if (a < 1 || a > model.components) throw new RangeError(`PLS: asked for ${a} components, the model has ${model.components}`);
  const w = new Matrix(model.xWeights.slice(0, a).map((v) => Array.from(v))).transpose();
  const pl = new Matrix(model.xLoadings.slice(0, a).map((v) => Array.from(v))).transpose();
  return w.mmul(pseudoInverse(pl.transpose().mmul(w)));
}

/** X scores of new spectra with the first `a` components: (x - mean) R. */
export function plsTransform(model: PlsModel, x: readonly ArrayLike<number>[], a: number = model.components, rotations = plsRotations(model, a)): Float64Array[] {
  const p = model.xMean.length;
  return x.map((row, i) => {
    if (row.length !== p) throw new RangeError(`PLS: spectrum ${i} has ${row.length} values, expected ${p}`);
    const out = new Float64Array(a);
    for (let j = 0; j < p; j++) {
      const v = row[j]! - model.xMean[j]!;
      for (let k = 0; k < a; k++) out[k]! += v * rotations.get(j, k);
    }
    return out;
  });
}

/** Predicted responses with the first `a` components: scores Q' + mean(Y). */
export function plsPredict(model: PlsModel, x: readonly ArrayLike<number>[], a: number = model.components, rotations = plsRotations(model, a)): Float64Array[] {
  const q = model.yMean.length;
  return plsTransform(model, x, a, rotations).map((t) => {
    const out = Float64Array.from(model.yMean);
    for (let k = 0; k < a; k++) {
      const loading = model.yLoadings[k]!;
      for (let j = 0; j < q; j++) out[j]! += t[k]! * loading[j]!;
    }
    return out;
  });
}
