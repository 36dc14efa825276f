import { METADATA_KEYS, parseMetadata, type NoveltyMeta } from '@spectracam/format';
import { decodeModel, onnx } from '@spectracam/format/onnx';
import { noveltySentence } from './docString.js';
import { noveltyThreshold } from './novelty/fitNovelty.js';

export interface CalibrationInput {
  /** The `novelty` scores the model gave the reference spectra. */
  scores: ArrayLike<number>;
  /** SHA-256 (hex) of the reference spectra as the model read them: their float32 values, in the scores' order. */
  sha256: string;
  /** Where they came from, as the user named it. */
  source: string;
  /** @default the file's own quantile */
  quantile?: number;
  /** @default now */
  calibratedAt?: Date;
}

export interface CalibrationResult {
  bytes: Uint8Array;
  novelty: NoveltyMeta;
  /** Share of the reference spectra above the threshold the file had. */
  flaggedBefore: number;
}

/**
 * A model file whose unknown-sample threshold is the `quantile` of a user's in-distribution
 * reference spectra, by the export's rule (empirical with at least 1 / (1 - quantile) spectra, else a
 * gamma fitted by moments). A run's validation part holds a few groups (samples, isolates), and no
 * quantile of so few foresees the next; an instrument's own reference measurements hold more.
 * Only the metadata and the doc string change: the graph and its weights are the bytes they were.
 */
export function calibrateNovelty(bytes: Uint8Array, name: string, input: CalibrationInput): CalibrationResult {
  const decoded = decodeModel(bytes, name);
  const meta = parseMetadata(decoded.metadata, name);
  const before = meta.novelty;
  if (!before) throw new Error(`${name}: the model has no unknown-sample score (exported with --no-novelty, or before the score): nothing to calibrate`);
  const scores = Array.from(input.scores);
  if (scores.length < 2) throw new RangeError(`${input.source}: ${scores.length} reference spectrum; a threshold needs at least 2 (and ${Math.ceil(1 / (1 - (input.quantile ?? before.quantile)))} for an empirical quantile)`);
  const bad = scores.findIndex((s) => !Number.isFinite(s) || s < 0);
  if (bad >= 0) throw new RangeError(`calibrateNovelty: score ${scores[bad]} of reference spectrum ${bad + 1}; expected a finite score >= 0`);
  const quantile = input.quantile ?? before.quantile;
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantile ${quantile}: expected a share in (0, 1), e.g. 0.99`);
  const { threshold, gamma } = noveltyThreshold(scores, quantile);
  const above = (t: number) => scores.filter((s) => s > t).length / scores.length;
  const novelty: NoveltyMeta = {
    ...before,
    threshold,
    quantile,
    thresholdFrom: {
      part: 'reference',
      spectra: scores.length,
      method: gamma ? 'gamma' : 'empirical',
      ...(gamma ? { gamma } : {}),
      reference: {
        source: input.source,
        sha256: input.sha256,
        calibratedAt: (input.calibratedAt ?? new Date()).toISOString(),
        replaced: { threshold: before.threshold, quantile: before.quantile, part: before.thresholdFrom.part, spectra: before.thresholdFrom.spectra, ...(before.thresholdFrom.crossValidated ? { crossValidated: before.thresholdFrom.crossValidated } : {}) },
      },
    },
    flagged: { train: null, validation: null, test: null, reference: above(threshold) },
  };
  // Every other entry and line stays as written; the doc string's score sentence is replaced (or added, for a file whose exporter worded it otherwise).
  const proto = decoded.proto;
  proto.metadataProps = (proto.metadataProps ?? []).map((e) => (e.key === METADATA_KEYS.novelty ? { key: e.key, value: JSON.stringify(novelty) } : e));
  const lines = (proto.docString ?? '').split('\n');
  const at = lines.indexOf(noveltySentence(before));
  if (at >= 0) lines[at] = noveltySentence(novelty);
  else lines.push(noveltySentence(novelty));
  proto.docString = lines.join('\n');
  return { bytes: onnx.ModelProto.encode(proto).finish(), novelty, flaggedBefore: above(before.threshold) };
}
