import type { AttributionMethod, NoveltyMeta } from '@spectracam/format';
import type { Alignment } from '@spectracam/format';
import type { RunFeatures } from '@spectracam/trainer';

export type FeatureLayer = 'conv1' | 'conv2';

export interface ExportOptions {
  /** Extra feature-map outputs besides conv3. @default [] */
  features?: FeatureLayer[];
  /** Add the full-resolution `cam` output; `true` means receptive-field alignment. @default false */
  cam?: boolean | { alignment: Alignment };
  /** ONNX opset of the default domain (13 -> IR 7, 17 -> IR 8). @default 13 */
  opset?: 13 | 17;
  /** Input-resolution attribution outputs [batch, C, p] computed in the graph. @default [] */
  attributions?: AttributionMethod[];
  /**
   * The unknown-sample score (`novelty` output, threshold in the metadata), fitted on the run's
   * GAP features (trainRun returns them, readRun reads them from a run directory); `false` writes a
   * file without it. Required: a file is not exported without saying which.
   */
  novelty?: NoveltyOptions | false;
}

export interface NoveltyOptions {
  features: RunFeatures;
  /** Share of in-distribution held-out (validation) spectra below the threshold. @default 0.99 */
  quantile?: number;
}

export interface ExportRunOptions extends Omit<ExportOptions, 'novelty'> {
  /** The unknown-sample score from the run's features/ (refused when it has none); `false`: none. @default {} */
  novelty?: { quantile?: number } | false;
  /** Path of the .onnx file to write (atomically). */
  out: string;
  /** Export a run whose training was interrupted (its best checkpoint); the file's metadata says so. @default false */
  allowInterrupted?: boolean;
  /** Called as each step finishes (read run, build graph, write file). */
  onProgress?: (progress: { step: string; done: number; total: number }) => void;
}

export interface ExportResult {
  path: string;
  /** Size of the written file. */
  bytes: number;
  /** Bytes of the network's parameters as float32 (conv and classifier weights and biases). */
  parameterBytes: number;
  /** Bytes of the JSON metadata_props values. */
  metadataBytes: number;
  outputs: string[];
  opset: 13 | 17;
  irVersion: number;
  camAlignment?: Alignment;
  /** The unknown-sample score's fit and threshold (absent with `novelty: false`). */
  novelty?: NoveltyMeta;
  seconds: number;
}

/** IR version that goes with each supported opset (ONNX versioning table). */
export const IR_VERSION: Record<13 | 17, number> = { 13: 7, 17: 8 };

export function camAlignmentOf(cam: ExportOptions['cam']): Alignment | undefined {
  if (!cam) return undefined;
  if (cam === true) return 'receptive-field';
  if (cam.alignment !== 'receptive-field' && cam.alignment !== 'stretch') {
    throw new RangeError(`cam alignment '${String(cam.alignment)}': expected 'receptive-field' or 'stretch'`);
  }
  return cam.alignment;
}
