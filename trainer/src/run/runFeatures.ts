import type { LayersModel } from '@tensorflow/tfjs-layers';
import { gapFeatures } from '../model/gapFeatures.js';
import type { DerivativeCarrier } from '../model/pathCarrier.js';
import type { ResidualFeatures } from '../novelty/residualFeatures.js';

export type FeaturePart = 'train' | 'validation' | 'test';
export const FEATURE_PARTS: readonly FeaturePart[] = ['train', 'validation', 'test'];

/** One part's features: `rows x channels` row-major, and each row's class index. */
export interface FeatureBlock {
  values: Float32Array;
  labels: Int32Array;
}

/**
 * The classifier's input (the `gap` vector, see gapFeatures) of every spectrum of a run, per part
 * of its split, rows in the order of `record.split.ids[part]`: what the exporter fits the
 * unknown-sample score on (training part) and sets its threshold with (validation part).
 */
export interface RunFeatures {
  layer: 'gap';
  /** K: the classifier's input width (members side by side for an ensemble). */
  channels: number;
  parts: Record<FeaturePart, FeatureBlock>;
  /** The input subspace and each part's Q residual (absent in runs written before it). */
  residual?: ResidualFeatures;
}

/** The features of each part's preprocessed spectra, by the trained model (`carrier`: what its path's channels carry, see gapFeatures). */
export function computeRunFeatures(
  model: LayersModel,
  parts: Record<FeaturePart, { spectra: readonly Float32Array[]; labels: ArrayLike<number> }>,
  carrier?: DerivativeCarrier,
): RunFeatures {
  let channels = 0;
  const blocks = Object.fromEntries(
    FEATURE_PARTS.map((part) => {
      const { spectra, labels } = parts[part];
      if (labels.length !== spectra.length) throw new RangeError(`computeRunFeatures: ${part} has ${spectra.length} spectra but ${labels.length} labels`);
      const features = gapFeatures(model, spectra, carrier);
      channels = features.channels;
      return [part, { values: features.values, labels: Int32Array.from(labels) }];
    }),
  ) as Record<FeaturePart, FeatureBlock>;
  return { layer: 'gap', channels, parts: blocks };
}

/** features/gap.json: what features/gap.bin holds (float32 little-endian, train then validation then test rows). */
export interface FeaturesIndex {
  format: 'spectracam-gap-features';
  version: 1;
  layer: 'gap';
  channels: number;
  /** sha256 of model/weights.bin the features were computed with. */
  weightsSha256: string;
  parts: Record<FeaturePart, { rows: number; labels: number[] }>;
}

export function featuresIndex(features: RunFeatures, weightsSha256: string): FeaturesIndex {
  const parts = Object.fromEntries(
    FEATURE_PARTS.map((part) => [part, { rows: features.parts[part].labels.length, labels: Array.from(features.parts[part].labels) }]),
  ) as FeaturesIndex['parts'];
  return { format: 'spectracam-gap-features', version: 1, layer: features.layer, channels: features.channels, weightsSha256, parts };
}

/** The bytes of features/gap.bin (little-endian float32). */
export function featuresBytes(features: RunFeatures): Uint8Array {
  const total = FEATURE_PARTS.reduce((n, part) => n + features.parts[part].values.length, 0);
  const bytes = new Uint8Array(4 * total);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const part of FEATURE_PARTS) {
    for (const v of features.parts[part].values) {
      view.setFloat32(at, v, true);
      at += 4;
    }
  }
  return bytes;
}

/** Features from the two files; `where` names them in errors. */
export function featuresFromFiles(indexText: string, bin: Uint8Array, weightsSha256: string, where: { index: string; bin: string }): RunFeatures {
  let index: FeaturesIndex;
  try {
    index = JSON.parse(indexText) as FeaturesIndex;
  } catch (error) {
    throw new Error(`${where.index}: not valid JSON (${(error as Error).message})`);
  }
  if (index?.format !== 'spectracam-gap-features' || index.version !== 1 || !(Number.isInteger(index.channels) && index.channels > 0)) {
    throw new Error(`${where.index}: not a features index (format ${JSON.stringify(index?.format)}, version ${JSON.stringify(index?.version)})`);
  }
  if (index.weightsSha256 !== weightsSha256) {
    throw new Error(`${where.index}: the features were computed with other weights than the run's model (weights sha256 ${String(index.weightsSha256).slice(0, 12)}, the model's ${weightsSha256.slice(0, 12)})`);
  }
  const rows = FEATURE_PARTS.map((part) => index.parts?.[part]?.rows ?? Number.NaN);
  const expected = 4 * index.channels * rows.reduce((a, b) => a + b, 0);
  if (bin.byteLength !== expected) throw new Error(`${where.bin}: holds ${bin.byteLength} bytes, ${where.index} needs ${expected}`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  const parts = Object.fromEntries(
    FEATURE_PARTS.map((part, i) => {
      const labels = index.parts[part].labels;
      if (!Array.isArray(labels) || labels.length !== rows[i]) throw new Error(`${where.index}: part ${part} lists ${labels?.length} labels for ${rows[i]} rows`);
      const values = new Float32Array(rows[i]! * index.channels);
      for (let j = 0; j < values.length; j++, at += 4) values[j] = view.getFloat32(at, true);
      return [part, { values, labels: Int32Array.from(labels) }];
    }),
  ) as Record<FeaturePart, FeatureBlock>;
  return { layer: 'gap', channels: index.channels, parts };
}
