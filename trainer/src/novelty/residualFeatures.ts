import { FEATURE_PARTS, type FeaturePart } from '../run/runFeatures.js';
import { fitInputResidual, inputResidualScores, RESIDUAL_BINNING, type InputResidual, type ResidualBinning } from './inputResidual.js';
import { crossValidatedResidual, type HeldOutResidual, type ResidualRefit } from './crossValidatedResidual.js';

/**
 * The input subspace of a run (fitted on the training part's network input) and every part's Q
 * residual: what the exporter adds to the unknown-sample score (training part: the fit; validation
 * part: the threshold), in the order of `record.split.ids[part]`.
 */
export interface ResidualFeatures {
  model: InputResidual;
  scores: Record<FeaturePart, Float64Array>;
  /** The training part's Q out of fold (absent in runs trained before it, or with too few spectra to fold). */
  heldOut?: HeldOutResidual;
}

/**
 * From each part's preprocessed spectra (the parts computeRunFeatures takes), binned by RESIDUAL_BINNING
 * first; with `folds` (positions in the training part), its Q out of fold too (with `refit`, the
 * preprocessing refitted without each fold).
 */
export function computeResidualFeatures(
  parts: Record<FeaturePart, { spectra: readonly ArrayLike<number>[] }>,
  folds?: { folds: readonly (readonly number[])[]; unit: HeldOutResidual['unit']; refit?: ResidualRefit },
): ResidualFeatures {
  const model = fitInputResidual(parts.train.spectra, { binning: RESIDUAL_BINNING });
  const scores = Object.fromEntries(FEATURE_PARTS.map((part) => [part, inputResidualScores(model, parts[part].spectra)])) as Record<FeaturePart, Float64Array>;
  const heldOut = folds ? crossValidatedResidual(parts.train.spectra, model, folds.folds, folds.unit, folds.refit) : undefined;
  return { model, scores, ...(heldOut ? { heldOut } : {}) };
}

/** features/residual.json: what features/residual.bin holds (float64 little-endian: mean, basis, then the train, validation and test scores). */
export interface ResidualIndex {
  format: 'spectracam-input-residual';
  version: 1;
  /** The subspace's variables: the spectrum's, or its bins' (floor(p / width)). */
  variables: number;
  /** The bins averaged first, and the length of the spectra they were made from; absent: none (runs trained before it). */
  binning?: ResidualBinning;
  inputLength?: number;
  components: number;
  explained: number;
  rows: Record<FeaturePart, number>;
  /** The training part's Q out of fold, after the test scores (one per training spectrum); absent: none. */
  heldOut?: { folds: number; unit: HeldOutResidual['unit'] };
}

export function residualFiles(residual: ResidualFeatures): { index: ResidualIndex; bytes: Uint8Array } {
  const { model, scores, heldOut } = residual;
  const arrays = [model.mean, model.basis, ...FEATURE_PARTS.map((part) => scores[part]), ...(heldOut ? [heldOut.scores] : [])];
  const bytes = new Uint8Array(8 * arrays.reduce((n, a) => n + a.length, 0));
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const a of arrays) for (const v of a) (view.setFloat64(at, v, true), (at += 8));
  const rows = Object.fromEntries(FEATURE_PARTS.map((part) => [part, scores[part].length])) as Record<FeaturePart, number>;
  const index: ResidualIndex = { format: 'spectracam-input-residual', version: 1, variables: model.mean.length, ...(model.binning ? { binning: model.binning, inputLength: model.inputLength } : {}), components: model.components, explained: model.explained, rows, ...(heldOut ? { heldOut: { folds: heldOut.folds, unit: heldOut.unit } } : {}) };
  return { index, bytes };
}

/** The residual features from the two files; `where` names them in errors. */
export function residualFromFiles(indexText: string, bin: Uint8Array, where: { index: string; bin: string }): ResidualFeatures {
  let index: ResidualIndex;
  try {
    index = JSON.parse(indexText) as ResidualIndex;
  } catch (error) {
    throw new Error(`${where.index}: not valid JSON (${(error as Error).message})`);
  }
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (index?.format !== 'spectracam-input-residual' || index.version !== 1 || !whole(index.variables) || !whole(index.components) || !FEATURE_PARTS.every((part) => whole(index.rows?.[part]))) {
    throw new Error(`${where.index}: not an input-residual index (format ${JSON.stringify(index?.format)}, version ${JSON.stringify(index?.version)})`);
  }
  if (!(index.explained >= 0 && index.explained <= 1)) throw new Error(`${where.index}: explained must be a share in [0, 1], got ${JSON.stringify(index.explained)}`);
  const { binning } = index;
  if (binning !== undefined && !(Number.isInteger(binning?.width) && binning.width >= 1)) {
    throw new Error(`${where.index}: binning must be { width: a positive integer }, got ${JSON.stringify(binning)}`);
  }
  const { inputLength } = index;
  if (binning !== undefined && !(Number.isInteger(inputLength) && Math.floor(inputLength! / binning.width) === index.variables)) {
    throw new Error(`${where.index}: inputLength must be the length of the spectra whose bins of ${binning.width} make its ${index.variables} variables, got ${JSON.stringify(inputLength)}`);
  }
  const { heldOut } = index;
  if (heldOut !== undefined && !(Number.isInteger(heldOut?.folds) && heldOut.folds >= 2 && (heldOut.unit === 'group' || heldOut.unit === 'spectrum'))) {
    throw new Error(`${where.index}: heldOut must be { folds: an integer >= 2, unit: "group" or "spectrum" }, got ${JSON.stringify(heldOut)}`);
  }
  const { variables: p, components: a } = index;
  const expected = 8 * (p + a * p + FEATURE_PARTS.reduce((n, part) => n + index.rows[part], 0) + (heldOut ? index.rows.train : 0));
  if (bin.byteLength !== expected) throw new Error(`${where.bin}: holds ${bin.byteLength} bytes, ${where.index} needs ${expected}`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  const take = (n: number) => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++, at += 8) out[j] = view.getFloat64(at, true);
    return out;
  };
  const mean = take(p);
  const basis = take(a * p);
  const scores = Object.fromEntries(FEATURE_PARTS.map((part) => [part, take(index.rows[part])])) as Record<FeaturePart, Float64Array>;
  const model = { mean, basis, components: a, explained: index.explained, ...(binning ? { binning: { width: binning.width }, inputLength } : {}) };
  return { model, scores, ...(heldOut ? { heldOut: { scores: take(index.rows.train), folds: heldOut.folds, unit: heldOut.unit } } : {}) };
}
