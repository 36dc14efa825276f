import type { Explanation, ModelInfo } from '../worker/protocol.js';

/** `detail` of the `spectracam-explained` event, sent after every explanation is on screen. */
export interface ExplainedDetail {
  model: ModelInfo;
  /** The spectra's file names. */
  source: string;
  labels?: string[];
  explanation: Explanation;
  /**
   * Milliseconds: `firstExplanationMs` (since navigation: the first explanation drawn),
   * `loadModelMs`, `explainMs` (the worker's predict + explain); and for the first explanation,
   * since navigation, when ONNX Runtime had started (`runtimeStartedAt`), the attributes' files
   * had arrived (`filesFetchedAt`), the model was loaded (`modelLoadedAt`), the explanation came
   * back from the worker (`explainedAt`).
   */
  timings: Record<string, number>;
}
