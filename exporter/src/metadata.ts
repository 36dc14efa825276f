import type { RunRecord } from '@spectracam/trainer';
import { FORMAT_VERSION, geometryMeta, METADATA_KEYS } from '@spectracam/format';
import type { Alignment, ModelMetadata, NoveltyMeta, TrainingSummaryMeta } from '@spectracam/format';
import { producer } from './producer.js';

export function trainingMeta(record: RunRecord): TrainingSummaryMeta & { epochs: number; bestEpoch: number } {
  return {
    dataSha256: record.data.sha256,
    dataSource: record.data.source,
    splitProtocol: record.split.protocol,
    splitSeed: record.split.seed,
    spectra: record.data.spectra,
    metrics: {
      train: record.metrics.train?.accuracy,
      validation: record.metrics.validation?.accuracy,
      test: record.metrics.test?.accuracy,
    },
    ...(record.training.fittedOn ? { fittedOn: record.training.fittedOn } : {}),
    backend: record.training.backend,
    epochsRun: record.training.epochsRun,
    status: record.status,
    epochs: record.training.epochs,
    bestEpoch: record.training.bestEpoch,
  };
}

/** Everything a runtime needs beside the graph, as the typed object the runtime parses back. */
export function modelMetadata(record: RunRecord, outputs: string[], camAlignment?: Alignment, novelty?: NoveltyMeta): ModelMetadata {
  const linearPath = linearPathMeta(record);
  return {
    formatVersion: FORMAT_VERSION,
    classes: record.model.classes,
    axis: record.data.axis,
    unit: record.data.unit,
    preprocessing: record.preprocessing,
    geometry: exportedGeometry(record),
    training: trainingMeta(record),
    producer,
    outputs,
    ...(camAlignment ? { camAlignment } : {}),
    ...(record.data.range ? { inputRange: record.data.range } : {}),
    ...(record.model.members && record.model.members > 1 ? { members: record.model.members } : {}),
    ...(novelty ? { novelty } : {}),
    ...(linearPath ? { linearPath } : {}),
  };
}

/** The run's linear path as the file's graph writes it (exportModel: derivative carriers where run.json says so). */
function linearPathMeta(record: RunRecord): ModelMetadata['linearPath'] {
  const path = record.model.linearReadout;
  if (!path || !(path.components > 0)) return undefined;
  const input = path.input ?? 'input';
  return { method: 'pls-lda', components: path.components, input, carriers: path.carriers === 'derivative' ? 'derivative' : 'input' };
}

/**
 * The geometry of the exported network: a linear path adds two channels per class to every layer
 * (withLinearPath), and an ensemble's members side by side multiply every layer's filters.
 */
function exportedGeometry(record: RunRecord): ModelMetadata['geometry'] {
  const geometry = geometryMeta(record.model.geometry, record.data.axis);
  const n = record.model.members ?? 1;
  const carriers = record.model.linearReadout ? 2 * record.model.classes.length : 0;
  if (n === 1 && carriers === 0) return geometry;
  return { ...geometry, layers: geometry.layers.map((l) => ({ ...l, filters: (l.filters + carriers) * n })) };
}

/** metadata_props entries: every value a JSON string, keys from the shared contract. */
export function metadataProps(meta: ModelMetadata): { key: string; value: string }[] {
  const entries: [keyof typeof METADATA_KEYS, unknown][] = [
    ['formatVersion', meta.formatVersion],
    ['classes', meta.classes],
    ['axis', meta.axis],
    ['unit', meta.unit],
    ['preprocessing', meta.preprocessing],
    ['geometry', meta.geometry],
  ];
  if (meta.training) entries.push(['training', meta.training]);
  entries.push(['producer', meta.producer], ['outputs', meta.outputs]);
  if (meta.camAlignment) entries.push(['camAlignment', meta.camAlignment]);
  if (meta.inputRange) entries.push(['inputRange', meta.inputRange]);
  if (meta.members) entries.push(['members', meta.members]);
  if (meta.novelty) entries.push(['novelty', meta.novelty]);
  if (meta.linearPath) entries.push(['linearPath', meta.linearPath]);
  if (meta.origin) entries.push(['origin', meta.origin]);
  return entries.map(([key, value]) => ({ key: METADATA_KEYS[key], value: JSON.stringify(value) }));
}
