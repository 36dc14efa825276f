import type { ModelGeometry, RunRecord } from '@spectracam/trainer';
import { FORMAT_VERSION, METADATA_KEYS } from '@spectracam/runtime';
import type { Alignment, LayerGeometryMeta, ModelMetadata, TrainingSummaryMeta } from '@spectracam/runtime';
import { producer } from './producer.js';

/** Value of the axis at a fractional index, extrapolating the end segments linearly. */
export function axisAt(axis: ArrayLike<number>, index: number): number {
  const n = axis.length;
  if (n === 1) return axis[0]!;
  const i = Math.min(Math.max(Math.floor(index), 0), n - 2);
  const t = index - i;
  return axis[i]! + t * (axis[i + 1]! - axis[i]!);
}

export function geometryMeta(geometry: ModelGeometry, axis: ArrayLike<number>): ModelMetadata['geometry'] {
  return {
    inputLength: geometry.inputLength,
    layers: geometry.layers.map(
      (g): LayerGeometryMeta => ({
        name: g.name,
        filters: g.filters,
        kernel: g.kernel,
        stride: g.stride,
        padding: g.padding,
        padBefore: g.padBefore,
        padAfter: g.padAfter,
        inputLength: g.inputLength,
        outputLength: g.outputLength,
        centres: g.centres,
        centresOnAxis: g.centres.map((c) => axisAt(axis, c)),
      }),
    ),
  };
}

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
    backend: record.training.backend,
    epochsRun: record.training.epochsRun,
    epochs: record.training.epochs,
    bestEpoch: record.training.bestEpoch,
  };
}

/** Everything a runtime needs beside the graph, as the typed object the runtime parses back. */
export function modelMetadata(record: RunRecord, outputs: string[], camAlignment?: Alignment): ModelMetadata {
  return {
    formatVersion: FORMAT_VERSION,
    classes: record.model.classes,
    axis: record.data.axis,
    unit: record.data.unit,
    preprocessing: record.preprocessing,
    geometry: geometryMeta(record.model.geometry, record.data.axis),
    training: trainingMeta(record),
    producer,
    outputs,
    ...(camAlignment ? { camAlignment } : {}),
  };
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
    ['training', meta.training],
    ['producer', meta.producer],
    ['outputs', meta.outputs],
  ];
  if (meta.camAlignment) entries.push(['camAlignment', meta.camAlignment]);
  return entries.map(([key, value]) => ({ key: METADATA_KEYS[key], value: JSON.stringify(value) }));
}
