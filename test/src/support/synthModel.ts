import { exportModel } from '@spectracam/exporter';
import { loadModel } from '@spectracam/runtime';
import type { SpectraModel } from '@spectracam/runtime';
import { generateSynthetic } from '@spectracam/data';
import { SYNTHETIC_TRAIN_OPTIONS, trainRun } from '@spectracam/trainer';
import type { Dataset } from '@spectracam/data';
import type { RunRecord, TrainOptions } from '@spectracam/trainer';

/**
 * A model trained on the synthetic set with its recipe (SYNTHETIC_TRAIN_OPTIONS, overridable by
 * `train`), loaded from its exported ONNX, with the test part.
 */
export async function synthModel(options: { seed: number; spectra?: number; train?: Partial<TrainOptions> }) {
  const { dataset, groundTruth } = generateSynthetic({ seed: options.seed, spectra: options.spectra });
  const { record, model: trained, features } = await trainRun(dataset, {
    ...SYNTHETIC_TRAIN_OPTIONS,
    seed: options.seed,
    backend: 'auto',
    ...options.train,
  });
  const model = await loadModel(exportModel(record, trained, { novelty: { features } }));
  trained.dispose();
  const test = partOf(dataset, record, 'test');
  const discriminative = groundTruth.bands.filter((b) => b.discriminative).map((b) => b.position);
  return { dataset, groundTruth, record, model: model as SpectraModel, test, discriminative };
}

/** Spectra and labels of one part of the run's split. */
export function partOf(dataset: Dataset, record: RunRecord, part: 'train' | 'validation' | 'test') {
  const index = new Map(dataset.ids.map((id, i) => [id, i]));
  const rows = record.split.ids[part].map((id) => index.get(id)!);
  return { spectra: rows.map((i) => dataset.spectra[i]!), labels: rows.map((i) => dataset.labels[i]!) };
}
