import { FORMAT_VERSION, METADATA_KEYS } from './contract.js';
import type { ModelMetadata, OriginMeta, TrainingSummaryMeta } from './contract.js';

const REQUIRED = ['classes', 'formatVersion', 'axis', 'unit', 'geometry'] as const;

/**
 * Parses and checks the `spectracam.*` metadata_props. A model without them is a foreign ONNX
 * file: the error says which key is missing, so users know it is not a damaged SpectraCAM file.
 */
export function parseMetadata(props: Map<string, string>, name: string): ModelMetadata {
  const value = (key: keyof typeof METADATA_KEYS): unknown => {
    const raw = props.get(METADATA_KEYS[key]);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      throw new Error(`${name}: metadata ${METADATA_KEYS[key]} is not valid JSON: ${raw.slice(0, 80)}`);
    }
  };
  for (const key of REQUIRED) {
    if (!props.has(METADATA_KEYS[key])) {
      throw new Error(`${name}: not a SpectraCAM model: missing metadata ${METADATA_KEYS[key]}`);
    }
  }
  const formatVersion = value('formatVersion');
  if (formatVersion !== FORMAT_VERSION) {
    throw new Error(
      `${name}: SpectraCAM format version ${JSON.stringify(formatVersion)} is not supported; this runtime reads version ${FORMAT_VERSION}`,
    );
  }
  const classes = value('classes');
  if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => typeof c === 'string')) {
    throw new Error(`${name}: metadata ${METADATA_KEYS.classes} must list at least two class names`);
  }
  const axis = value('axis');
  if (!Array.isArray(axis) || axis.length < 2 || !axis.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new Error(`${name}: metadata ${METADATA_KEYS.axis} must be an array of at least two finite numbers`);
  }
  const geometry = value('geometry') as ModelMetadata['geometry'];
  const conv3 = geometry?.layers?.find((l) => l.name === 'conv3');
  if (!conv3 || geometry.inputLength !== axis.length || conv3.centres?.length !== conv3.outputLength) {
    throw new Error(
      `${name}: metadata ${METADATA_KEYS.geometry} must describe conv3 (with one centre per output position) for an input of ${axis.length} variables`,
    );
  }
  const outputs = (value('outputs') as string[] | undefined) ?? [];
  const camAlignment = value('camAlignment') as ModelMetadata['camAlignment'];
  const inputRange = value('inputRange') as ModelMetadata['inputRange'];
  if (inputRange !== undefined) {
    const ok = (xs: unknown) => Array.isArray(xs) && xs.length === axis.length && xs.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!ok(inputRange?.min) || !ok(inputRange?.max)) throw new Error(`${name}: metadata ${METADATA_KEYS.inputRange} must hold min and max arrays of ${axis.length} finite numbers`);
  }
  const linearPath = value('linearPath') as ModelMetadata['linearPath'];
  if (linearPath !== undefined) {
    const ok = linearPath !== null && typeof linearPath === 'object' && Number.isInteger(linearPath.components) && ['input', 'derivative'].includes(linearPath.input) && ['input', 'derivative'].includes(linearPath.carriers);
    if (!ok) throw new Error(`${name}: metadata ${METADATA_KEYS.linearPath} must hold the path's components (a whole number), its input and its carriers ('input' or 'derivative')`);
  }
  const novelty = value('novelty') as ModelMetadata['novelty'];
  if (novelty !== undefined) {
    const ok = novelty !== null && typeof novelty === 'object' && Number.isFinite(novelty.threshold) && novelty.quantile > 0 && novelty.quantile < 1 && Number.isInteger(novelty.features?.channels);
    if (!ok) throw new Error(`${name}: metadata ${METADATA_KEYS.novelty} must hold a finite threshold, its quantile in (0, 1) and the features' channels`);
  }
  return {
    formatVersion,
    classes,
    axis,
    unit: String(value('unit')),
    preprocessing: (value('preprocessing') as ModelMetadata['preprocessing'] | undefined) ?? null,
    geometry,
    ...(value('training') ? { training: value('training') as TrainingSummaryMeta } : {}),
    producer: (value('producer') as ModelMetadata['producer']) ?? { name: 'unknown', version: '' },
    outputs,
    ...(camAlignment ? { camAlignment } : {}),
    ...(inputRange ? { inputRange } : {}),
    ...(typeof value('members') === 'number' ? { members: value('members') as number } : {}),
    ...(novelty ? { novelty } : {}),
    ...(linearPath ? { linearPath } : {}),
    ...(value('origin') ? { origin: value('origin') as OriginMeta } : {}),
  };
}
