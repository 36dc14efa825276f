/**
 * The model file contract shared by the exporter (writes) and the runtime (reads): tensor names,
 * metadata keys and the format version. One source of truth; see DESIGN.md "The model file is
 * the contract".
 */
export const FORMAT_VERSION = 1;

export const TENSORS = {
  input: 'spectra',
  logits: 'logits',
  probabilities: 'probabilities',
  conv1: 'conv1',
  conv2: 'conv2',
  conv3: 'conv3',
  cam: 'cam',
  classifierWeight: 'classifier.weight',
  classifierBias: 'classifier.bias',
} as const;

/** metadata_props keys; every value is a JSON string. */
export const METADATA_KEYS = {
  formatVersion: 'spectracam.format_version',
  classes: 'spectracam.classes',
  axis: 'spectracam.axis',
  unit: 'spectracam.unit',
  preprocessing: 'spectracam.preprocessing',
  geometry: 'spectracam.geometry',
  training: 'spectracam.training',
  producer: 'spectracam.producer',
  outputs: 'spectracam.outputs',
  /** Present when the graph has a `cam` output: alignment of the spline basis used. */
  camAlignment: 'spectracam.cam_alignment',
} as const;

export type Alignment = 'receptive-field' | 'stretch';

export interface LayerGeometryMeta {
  name: 'conv1' | 'conv2' | 'conv3';
  filters: number;
  kernel: number;
  stride: number;
  padding: 'same' | 'valid';
  padBefore: number;
  padAfter: number;
  inputLength: number;
  outputLength: number;
  /** Receptive-field centre of each output position as a fractional index on the input axis. */
  centres: number[];
  /** The same centres in axis units (linear interpolation of the axis). */
  centresOnAxis: number[];
}

export interface TrainingSummaryMeta {
  dataSha256: string;
  dataSource: string;
  splitProtocol: string;
  splitSeed: number;
  spectra: number;
  metrics: { train?: number; validation?: number; test?: number };
  backend: string;
  epochsRun: number;
}

/** Parsed `spectracam.*` metadata of a model file. */
export interface ModelMetadata {
  formatVersion: number;
  classes: string[];
  axis: number[];
  unit: string;
  preprocessing: unknown;
  geometry: { inputLength: number; layers: LayerGeometryMeta[] };
  training: TrainingSummaryMeta;
  producer: { name: string; version: string };
  /** Output names present in the graph. */
  outputs: string[];
  camAlignment?: Alignment;
}
