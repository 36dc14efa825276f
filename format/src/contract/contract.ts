import type { CamAlignment } from '@spectracam/cam';
import type { ConvLayerGeometry } from '../geometry/modelGeometry.js';
import type { Preprocessing } from './preprocessing.js';

/**
 * The model file contract shared by the exporter (writes) and the runtime (reads): tensor names,
 * metadata keys and the format version. One source of truth; the README's "The model file is the
 * contract" describes it for users.
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
  /** Input-resolution attributions [batch, C, p], with respect to the preprocessed spectrum (on request). */
  gradient: 'gradient',
  gradientXInput: 'gradient_x_input',
  guidedGradCam: 'guided_gradcam',
  /**
   * [batch, C, p] each input variable's additive share of the class logit (sums to logit - classifier.bias
   * in a trained file; with the linear path's carrier weights changed, e.g. randomised, it is no longer complete).
   */
  contribution: 'contribution',
  classifierWeight: 'classifier.weight',
  classifierBias: 'classifier.bias',
  /**
   * The unknown-sample score [batch]: the squared Mahalanobis distance of the classifier's input
   * (the GAP vector, K channels) to the nearest class mean, with the shared covariance of the
   * training part, or the larger of that and the input's Q residual, each scaled (metadata
   * `spectracam.novelty` says which and holds the threshold). Absent in older files.
   */
  novelty: 'novelty',
  /**
   * [K, K] upper triangular W with W W^T = the precision matrix (inverse shared covariance): z = gap . W
   * whitens. With the residual half (`score: "mahalanobis+residual"`) W and the means carry 1 / sqrt of the
   * Mahalanobis scale, so the distance comes out divided by it.
   */
  noveltyWhitening: 'novelty.whitening',
  /** [C, K] the class means of the training part's GAP vectors, whitened (mean_c . W). */
  noveltyMeans: 'novelty.means',
  /** [p] the training part's mean preprocessed spectrum, and [A, p] the orthonormal loadings of its principal subspace (rows). */
  noveltyInputMean: 'novelty.input_mean',
  noveltyInputBasis: 'novelty.input_basis',
} as const;

/** The attribution methods a file can carry, and the output each one is in ([batch, C, p]). */
export type AttributionMethod = 'gradient' | 'gradient-x-input' | 'guided-gradcam' | 'contribution';
export const ATTRIBUTION_METHODS: readonly AttributionMethod[] = ['gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'];
export const ATTRIBUTION_OUTPUTS: Readonly<Record<AttributionMethod, string>> = {
  gradient: TENSORS.gradient,
  'gradient-x-input': TENSORS.gradientXInput,
  'guided-gradcam': TENSORS.guidedGradCam,
  contribution: TENSORS.contribution,
};

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
  /** Per-variable minimum and maximum of the raw training spectra (what the model has seen). */
  inputRange: 'spectracam.input_range',
  /** Networks of an ensemble exported side by side as grouped convolutions (absent: one). */
  members: 'spectracam.members',
  /** The unknown-sample score: how it was fitted, its threshold and the quantile it is (absent: no score). */
  novelty: 'spectracam.novelty',
  /** The fixed linear path (PLS-LDA) the network's logits include: what it reads and what its channels carry (absent: none). */
  linearPath: 'spectracam.linear_path',
  /** A network trained elsewhere and wrapped into this format (`spectracam wrap`, `export --from-tfjs`): where from. */
  origin: 'spectracam.origin',
} as const;

/**
 * What `spectracam.linear_path` says: the network's logits include PLS-LDA's decision scores with
 * `components` latent variables, fitted on the preprocessed input or on its Savitzky-Golay first
 * derivative, written as conv channels that carry (`carriers`) the input folded, or the derivative
 * variables themselves (the CAM then follows the derivative's evidence).
 */
export interface LinearPathMeta {
  method: 'pls-lda';
  components: number;
  input: 'input' | 'derivative';
  carriers: 'input' | 'derivative';
}

/**
 * What `spectracam.novelty` says about the `novelty` output: a spectrum whose score is above
 * `threshold` is flagged unknown (its class is a guess about something the model never saw).
 */
export interface NoveltyMeta {
  /**
   * `mahalanobis`: the squared Mahalanobis distance with a shared covariance (Lee et al. 2018) to
   * the nearest class mean. `mahalanobis+residual`: the larger of that and the input's Q residual
   * (squared distance of the preprocessed spectrum to the training part's principal subspace, as
   * SIMCA guards PLS-DA), each divided by its own quantile of the validation scores (`residual`).
   * `residual`: that Q residual alone, where the features' class means did not separate the
   * classes of the validation part better than chance (`featureSkill`); the graph then leaves the
   * Mahalanobis half out.
   */
  score: 'mahalanobis' | 'mahalanobis+residual' | 'residual';
  /**
   * The features' nearest class mean (the Mahalanobis half's class model) on the validation part:
   * its accuracy, the largest class's share, and the one-sided binomial p-value of that accuracy at
   * that share. At 0.05 or above the score is the residual alone (absent in files before 2026-12-07,
   * and where the network trained on the validation part too: the score is then the residual alone).
   */
  featureSkill?: { spectra: number; accuracy: number; noInformationRate: number; pValue: number };
  /** The Q residual's half of a `mahalanobis+residual` or `residual` score. */
  residual?: {
    /** The tensor it reads (the preprocessed spectrum), its subspace's size and the share of the training variance (of the bin averages with `binning`) that holds. */
    tensor: string;
    /**
     * Bins of `width` neighbouring variables of the preprocessed spectrum averaged first (the trailing
     * p mod width left out); the subspace then spans floor(p / width) bins. Absent: the spectrum itself.
     */
    binning?: { width: number };
    components: number;
    explained: number;
    /**
     * What each half is divided by: its `quantile` of the validation part's scores (no `mahalanobis` for a
     * `residual` score); the residual's, of the validation part's and the `heldOut` training spectra's.
     */
    scale: { mahalanobis?: number; residual: number };
    /**
     * Training spectra whose Q residual, each from a subspace fitted without its fold (by group where the
     * data have groups), joined the validation part's in the residual's scale: a new batch of known classes
     * scores like them, not like the training part in-sample (absent in files before 2026-12-07 11:00 UTC).
     */
    heldOut?: { part: 'train'; spectra: number; folds: number; unit: 'group' | 'spectrum' };
  };
  /** The tensor the score reads (the classifier's input) and its width K. */
  features: { tensor: string; channels: number };
  /** What the class means and the covariance were fitted on. */
  fit: {
    part: 'train';
    spectra: number;
    /** Ledoit-Wolf shrinkage of the pooled within-class covariance toward mu I (mu: its mean eigenvalue). */
    covariance: 'ledoit-wolf';
    shrinkage: number;
  };
  /** Spectra with a score above this are unknown. */
  threshold: number;
  /** The share of in-distribution held-out spectra meant to fall below the threshold, e.g. 0.99. */
  quantile: number;
  /**
   * Where the threshold comes from: the `quantile` of the scores of the run's validation part (a
   * `residual` score: and of the training part's out of fold, `crossValidated`), empirical (numpy's linear interpolation) when it holds at least 1 / (1 - quantile) spectra,
   * otherwise the quantile of a gamma distribution fitted to them by moments (`gamma`). `reference`:
   * the same rule on a user's in-distribution reference spectra (`spectracam calibrate`), named in
   * `reference` with the threshold they replaced.
   */
  thresholdFrom: {
    part: 'validation' | 'reference';
    spectra: number;
    method: 'empirical' | 'gamma';
    gamma?: { shape: number; scale: number };
    reference?: NoveltyReference;
    /** Of `spectra`, the training spectra scored out of fold (`residual.heldOut`; a `residual` score only). */
    crossValidated?: number;
  };
  /**
   * Share of each part of the run's split above the threshold (test: the expected in-distribution
   * flag rate); null where the file cannot say (after `calibrate`, the run's parts are not in it).
   * `reference`: the share of the reference spectra above a calibrated threshold.
   */
  flagged: { train: number | null; validation: number | null; test: number | null; reference?: number };
}

/** The `novelty` the graph gives a spectrum without shape (a constant line): float32's largest finite value, above any threshold (JSON keeps it, unlike Infinity). */
export const NO_SHAPE_NOVELTY = 3.4028234663852886e38;

/** The reference spectra a threshold was calibrated on, and the threshold they replaced. */
export interface NoveltyReference {
  /** The data the spectra came from, as given (file names), and the SHA-256 of the spectra as read (float32 values, in order). */
  source: string;
  sha256: string;
  calibratedAt: string;
  replaced: { threshold: number; quantile: number; part: 'validation' | 'reference'; spectra: number; crossValidated?: number };
}

/** The spectra a novelty threshold is a quantile of, in words: "12 validation spectra", "40 reference spectra (qc.csv)". */
export function thresholdSpectra(from: Pick<NoveltyMeta['thresholdFrom'], 'part' | 'spectra' | 'crossValidated' | 'reference'>): string {
  if (from.part === 'reference') return `${from.spectra} reference spectra${from.reference ? ` (${from.reference.source})` : ''}`;
  const held = from.crossValidated ?? 0;
  return held > 0 ? `${from.spectra - held} validation spectra and ${held} training spectra out of fold` : `${from.spectra} validation spectra`;
}

/** Knots of the spline that maps Conv3 positions onto the input axis (cam owns the names). */
export type Alignment = CamAlignment;

/** A conv layer's geometry as the file stores it: the trainer's, plus its centres in axis units. */
export interface LayerGeometryMeta extends ConvLayerGeometry {
  /** The receptive-field centres in axis units (linear interpolation of the axis). */
  centresOnAxis: number[];
}

export interface TrainingSummaryMeta {
  dataSha256: string;
  dataSource: string;
  splitProtocol: string;
  splitSeed: number;
  spectra: number;
  metrics: { train?: number; validation?: number; test?: number };
  /** The parts the network was fitted on, where not the training part alone: its validation accuracy is then not held out. */
  fittedOn?: ['train', 'validation'];
  backend: string;
  epochsRun: number;
  /** 'interrupted' when the file was exported from the checkpoint of a stopped training. */
  status?: 'complete' | 'interrupted';
}

/** Where a wrapped network came from: the file it was read from and what of it became this file's network. */
export interface OriginMeta {
  /** `onnx` (e.g. torch.onnx.export), or a TensorFlow.js layers or graph model (Keras via tensorflowjs_converter). */
  format: 'onnx' | 'tfjs-layers' | 'tfjs-graph';
  /** The source file's name (no folder) and the SHA-256 of its bytes (of model.json for TensorFlow.js). */
  file: string;
  sha256: string;
  /** What wrote it, as the file says (ONNX producer_name/version, TensorFlow.js generatedBy/convertedBy). */
  producer?: string;
  /** Default-domain opset of an ONNX source. */
  opset?: number;
  /** The source's nodes or layers read as conv1..conv3 and the classifier, in order. */
  layers: string[];
  /** Batch normalisations folded into the conv weights before them (node or layer names). */
  foldedBatchNorms: string[];
  /** True when the model reads its variables along a decreasing axis: the graph reverses the file's increasing axis for it, and its maps back. */
  mirrored?: boolean;
}

/** Parsed `spectracam.*` metadata of a model file. */
export interface ModelMetadata {
  formatVersion: number;
  classes: string[];
  axis: number[];
  unit: string;
  /** The fitted preprocessing inside the graph (null in files that do not say). */
  preprocessing: Preprocessing | null;
  geometry: { inputLength: number; layers: LayerGeometryMeta[] };
  /** How the network was trained; absent for a wrapped network (see `origin`). */
  training?: TrainingSummaryMeta;
  producer: { name: string; version: string };
  /** Output names present in the graph. */
  outputs: string[];
  camAlignment?: Alignment;
  /** Per-variable min and max of the raw training spectra; absent in files of older versions. */
  inputRange?: { min: number[]; max: number[] };
  /** Members of an ensemble (its logits are their mean, its CAM the mean of theirs); absent for one network. */
  members?: number;
  /** The unknown-sample score's fit and threshold; absent in files without a `novelty` output. */
  novelty?: NoveltyMeta;
  /** The network's fixed linear path; absent for networks without one and in files of older versions. */
  linearPath?: LinearPathMeta;
  /** Present when the network was trained elsewhere and wrapped. */
  origin?: OriginMeta;
}
