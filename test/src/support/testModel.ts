import { applyPreprocessing, buildModel, computeResidualFeatures, computeRunFeatures } from '@spectracam/trainer';
import { modelGeometry } from '@spectracam/format';
import type { AttributionMethod, ConvSpec, Preprocessing } from '@spectracam/format';
import type { RunFeatures, RunRecord } from '@spectracam/trainer';
import { exportModel } from '@spectracam/exporter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export interface TestModelOptions {
  p?: number;
  classes?: string[];
  seed?: number;
  spec?: ConvSpec;
  axis?: number[];
  preprocessing?: Preprocessing;
  features?: ('conv1' | 'conv2')[];
  attributions?: AttributionMethod[];
  /** Export without the unknown-sample score (a file as exported before it). @default false */
  noNovelty?: boolean;
  /** The unknown-sample score's Mahalanobis half alone (as exported from runs trained before the input subspace). */
  noResidual?: boolean;
}

const metrics = { accuracy: 0, n: 0, confusion: [] };

/** A run record for an untrained model: what the exporter needs, nothing measured. */
export function untrainedRecord(options: TestModelOptions = {}): RunRecord {
  const p = options.p ?? 120;
  const classes = options.classes ?? ['a', 'b', 'c'];
  const spec = options.spec ?? { kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' };
  const axis = options.axis ?? Array.from({ length: p }, (_, i) => 400 + 2 * i);
  return {
    format: 'spectracam-run',
    version: 1,
    status: 'complete',
    createdAt: '2020-01-01T00:00:00.000Z',
    producer: { name: 'runtime-tests', version: '0' },
    data: { source: 'test', sha256: '0'.repeat(64), spectra: 0, variables: p, axis, unit: 'cm-1', classes, reader: {}, warnings: [] },
    preprocessing: options.preprocessing ?? { kind: 'none' },
    split: { protocol: 'random', seed: 1, ratios: [0.7, 0.1, 0.2], stratified: true, ids: { train: [], validation: [], test: [] } },
    model: { architecture: 'spectracam-cnn1d', classes, geometry: modelGeometry(p, spec), l2: 0 },
    training: {
      options: {}, backend: 'cpu', seed: options.seed ?? 1, epochs: 0, epochsRun: 0, bestEpoch: 0, batchSize: 1,
      learningRate: 0, patience: 0, secondsPerEpoch: 0, history: [],
    },
    metrics: { train: metrics, validation: metrics, test: metrics },
  };
}

/**
 * GAP features of 48 made-up smooth spectra (a pattern per class: a sine and a band), split
 * 24 / 12 / 12: what the exporter fits the unknown-sample score of an untrained model on.
 */
export function madeUpFeatures(record: RunRecord, model: LayersModel): RunFeatures {
  const p = record.data.axis.length;
  const classes = record.model.classes.length;
  const labels = Array.from({ length: 48 }, (_, i) => i % classes);
  const spectra = labels.map((c, i) => Float32Array.from({ length: p }, (_, j) => 1 + 0.3 * Math.sin((c + 1) * j * 0.05 + 0.1 * i) + Math.exp(-(((j - ((c + 1) * p) / (classes + 1)) / 4) ** 2)) + 0.02 * Math.cos(7 * i + j)));
  const pre = applyPreprocessing(record.preprocessing, spectra);
  const part = (from: number, to: number) => ({ spectra: pre.slice(from, to), labels: labels.slice(from, to) });
  const parts = { train: part(0, 24), validation: part(24, 36), test: part(36, 48) };
  return { ...computeRunFeatures(model, parts), residual: computeResidualFeatures(parts) };
}

/** A seeded, untrained model of the study's architecture, exported with the real exporter (with the unknown-sample score unless `noNovelty`). */
export async function testModel(options: TestModelOptions = {}): Promise<{ bytes: Uint8Array; record: RunRecord; model: LayersModel }> {
  // The trainer registers faster backends that need initialising; plain cpu is enough here.
  await tf.setBackend('cpu');
  const record = untrainedRecord(options);
  const geometry = record.model.geometry;
  const spec = options.spec ?? { kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' };
  const model = buildModel({ ...spec, inputLength: geometry.inputLength, classes: record.model.classes.length, l2: 0, seed: options.seed ?? 1 });
  const made = () => {
    const { residual, ...gap } = madeUpFeatures(record, model);
    return options.noResidual ? gap : { ...gap, residual };
  };
  const novelty = options.noNovelty ? false : { features: made() };
  const bytes = exportModel(record, model, { features: options.features ?? [], attributions: options.attributions ?? [], novelty });
  return { bytes, record, model };
}
