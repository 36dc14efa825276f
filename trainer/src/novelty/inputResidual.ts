import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededRandom, shuffledIndices } from '@spectracam/data';

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
  /**
   * Bins of `width` neighbouring variables averaged first (the trailing p mod width variables left
   * out): mean and basis have floor(p / width) variables. Absent in runs trained before it, which
   * read the spectrum itself.
   */
  binning?: ResidualBinning;
  /** The length of the spectra a binned subspace was fitted on (several lengths give the same bins). */
  inputLength?: number;
}

export interface ResidualBinning {
  width: number;
}

/**
 * Averages of 11 neighbouring variables (the study's Savitzky-Golay window), for spectra whose
 * variance the subspace cannot hold: single-cell Raman holds more white noise than any subspace of a
 * few dozen directions models, and that noise, not the shape, set Q. Bin averages keep the bands and
 * baselines a new species or technique brings and drop most of the noise (and the subspace shrinks
 * elevenfold, so the graph's cost does too).
 */
export const RESIDUAL_BINNING: Readonly<ResidualBinning> = Object.freeze({ width: 11 });

/** The bin averages of each spectrum (floor(p / width) values), or the spectra themselves without binning. */
export function residualInput(spectra: readonly ArrayLike<number>[], binning: ResidualBinning | undefined): readonly ArrayLike<number>[] {
  if (!binning) return spectra;
  const w = binning.width;
  return spectra.map((s) => {
    const out = new Float64Array(Math.floor(s.length / w));
    for (let i = 0; i < out.length; i++) {
      let v = 0;
      for (let k = 0; k < w; k++) v += s[i * w + k]!;
      out[i] = v / w;
    }
    return out;
  });
}

export interface InputResidualOptions {
  /** Smallest subspace holding this share of the variance. @default RESIDUAL_VARIANCE (0.999) */
  variance?: number;
  /** @default 30 */
  maxComponents?: number;
  /**
   * Average bins of neighbouring variables first when the largest subspace allowed on the spectra
   * themselves holds less than `variance` (and that leaves maxComponents + 2 bins). @default none
   */
  binning?: ResidualBinning;
  /**
   * Fit on the bin averages (true) or the spectra themselves (false) whatever the variance rule says:
   * cross-validation refits a subspace in the units of the one it checks. @default decided by the rule
   */
  binned?: boolean;
}

/** Extra directions beyond the largest subspace wanted, and passes of subspace iteration (Halko et al. 2011). */
const OVERSAMPLE = 10;
const POWER_PASSES = 3;
/** Spectra the subspace is fitted on at most (a seeded sample beyond): a few thousand pin 30 directions down. */
const MAX_FIT_ROWS = 2000;

/**
 * PCA of the training spectra by a randomised range finder with subspace iteration: only the
 * leading components are needed, and it costs a few passes of n p l multiply-adds where a full
 * decomposition costs n^2 p + n^3 (minutes at a few thousand spectra). Exact when l >= n; fitted
 * on a seeded sample of at most MAX_FIT_ROWS spectra, mean included.
 */
export function fitInputResidual(spectra: readonly ArrayLike<number>[], options: InputResidualOptions = {}): InputResidual {
  if (spectra.length < 2) throw new RangeError(`the input subspace needs at least 2 training spectra, got ${spectra.length}`);
  const random = seededRandom(1);
  if (spectra.length > MAX_FIT_ROWS) spectra = shuffledIndices(spectra.length, random).slice(0, MAX_FIT_ROWS).map((i) => spectra[i]!);
  const { binning, binned } = options;
  if (binned && !binning) throw new RangeError('fitInputResidual: binned without a binning width');
  const onBins = (width: number) => ({ ...fitSubspace(residualInput(spectra, { width }), options, seededRandom(1)), binning: { width }, inputLength: spectra[0]!.length });
  if (binned) return onBins(binning!.width);
  const plain = fitSubspace(spectra, options, seededRandom(1));
  if (binned === false) return plain;
  // Bins only where the largest subspace allowed holds less than the variance wanted (the rest is then
  // mostly noise, which bin averages remove) and they leave room for its directions; else full resolution.
  const bins = binning ? Math.floor(spectra[0]!.length / binning.width) : 0;
  if (!binning || bins < (options.maxComponents ?? DEFAULT_MAX_COMPONENTS) + 2 || plain.explained >= (options.variance ?? RESIDUAL_VARIANCE) - 1e-12) return plain;
  return onBins(binning.width);
}

/**
 * The subspace's share of the training variance. With 99 % the residual still held the training part's own
 * shifts and shapes, and a new band scored within them (docs/measurements.md); 99.9 % leaves it for what is new.
 */
export const RESIDUAL_VARIANCE = 0.999;
const DEFAULT_MAX_COMPONENTS = 30;

function fitSubspace(spectra: readonly ArrayLike<number>[], options: InputResidualOptions, random: () => number): InputResidual {
  const n = spectra.length;
  const p = spectra[0]!.length;
  const mean = new Float64Array(p);
  for (const s of spectra) for (let j = 0; j < p; j++) mean[j]! += s[j]! / n;
  const x = new Float64Array(n * p);
  let total = 0;
  let energy = 0;
  spectra.forEach((s, i) => {
    for (let j = 0; j < p; j++) {
      const v = s[j]! - mean[j]!;
      x[i * p + j] = v;
      total += v * v;
      energy += s[j]! * s[j]!;
    }
  });
  // At most p - 1: a subspace of all p directions leaves a residual of rounding noise only.
  const cap = Math.min(options.maxComponents ?? DEFAULT_MAX_COMPONENTS, n - 1, p - 1);
  // Spectra that do not vary (up to rounding): no direction to keep.
  if (!(total > 1e-12 * energy) || cap < 1) return { mean, basis: new Float64Array(0), components: 0, explained: total > 1e-12 * energy ? 0 : 1 };
  const l = Math.min(cap + OVERSAMPLE, n, p);
  let z: Float64Array = Float64Array.from({ length: p * l }, () => random() - 0.5);
  let q = orthonormalColumns(times(x, n, p, z, l), n, l);
  for (let pass = 0; pass < POWER_PASSES; pass++) {
    z = orthonormalColumns(transposeTimes(x, n, p, q, l), p, l);
    q = orthonormalColumns(times(x, n, p, z, l), n, l);
  }
  // B = Q^T X (l x p); its Gram B B^T (l x l) holds the leading eigenvalues of X X^T.
  const b = transposeTimes(x, n, p, q, l); // p x l, i.e. B^T
  const gram = new Matrix(l, l);
  for (let r = 0; r < l; r++) {
    for (let c = r; c < l; c++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += b[j * l + r]! * b[j * l + c]!;
      gram.set(r, c, s);
      gram.set(c, r, s);
    }
  }
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, k) => [Math.max(v, 0), k] as const).sort((a, c) => c[0] - a[0]);
  const wanted = options.variance ?? RESIDUAL_VARIANCE;
  let components = 0;
  let held = 0;
  // Directions below 1e-10 of the variance are rounding, not data.
  while (components < cap && order[components]![0] > 1e-10 * total && held < wanted * total) held += order[components++]![0];
  const basis = new Float64Array(components * p);
  const vectors = eig.eigenvectorMatrix;
  for (let a = 0; a < components; a++) {
    const [value, k] = order[a]!;
    const norm = Math.sqrt(value);
    // Loading = B^T u / sigma.
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let r = 0; r < l; r++) s += b[j * l + r]! * vectors.get(r, k);
      basis[a * p + j] = s / norm;
    }
  }
  return { mean, basis, components, explained: Math.min(1, held / total) };
}

/** X (n x p) Z (p x l), row-major. */
function times(x: Float64Array, n: number, p: number, z: Float64Array, l: number): Float64Array {
  const out = new Float64Array(n * l);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j]!;
      if (v === 0) continue;
      for (let c = 0; c < l; c++) out[i * l + c]! += v * z[j * l + c]!;
    }
  }
  return out;
}

/** X^T (p x n) Q (n x l), row-major. */
function transposeTimes(x: Float64Array, n: number, p: number, q: Float64Array, l: number): Float64Array {
  const out = new Float64Array(p * l);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j]!;
      if (v === 0) continue;
      for (let c = 0; c < l; c++) out[j * l + c]! += v * q[i * l + c]!;
    }
  }
  return out;
}

/**
 * Modified Gram-Schmidt on the columns of an m x l matrix, twice (float64 loses orthogonality once).
 * A column that (nearly) lies in the span of the earlier ones becomes zero: normalising what is left
 * of it, rounding error, would make a unit vector along the earlier columns and count their variance twice.
 */
function orthonormalColumns(a: Float64Array, m: number, l: number): Float64Array {
  for (let round = 0; round < 2; round++) {
    for (let c = 0; c < l; c++) {
      let before = 0;
      for (let r = 0; r < m; r++) before += a[r * l + c]! ** 2;
      for (let d = 0; d < c; d++) {
        let dot = 0;
        for (let r = 0; r < m; r++) dot += a[r * l + c]! * a[r * l + d]!;
        for (let r = 0; r < m; r++) a[r * l + c]! -= dot * a[r * l + d]!;
      }
      let norm = 0;
      for (let r = 0; r < m; r++) norm += a[r * l + c]! ** 2;
      const kept = norm > 1e-20 * before && norm > 1e-300;
      norm = Math.sqrt(norm);
      for (let r = 0; r < m; r++) a[r * l + c] = kept ? a[r * l + c]! / norm : 0;
    }
  }
  return a;
}

/** Q residual of each spectrum (binned as the model was): |x - mean|^2 - |P (x - mean)|^2 (P orthonormal). */
export function inputResidualScores(model: InputResidual, spectra: readonly ArrayLike<number>[]): Float64Array {
  const p = model.mean.length;
  const d = new Float64Array(p);
  return Float64Array.from(residualInput(spectra, model.binning), (s) => {
    for (let j = 0; j < p; j++) d[j] = s[j]! - model.mean[j]!;
    let q = d.reduce((sum, v) => sum + v * v, 0);
    for (let a = 0; a < model.components; a++) {
      let t = 0;
      for (let j = 0; j < p; j++) t += model.basis[a * p + j]! * d[j]!;
      q -= t * t;
    }
    return Math.max(q, 0);
  });
}
