import type { Explanation, ModelInfo, SpectraPayload } from '../worker/protocol.js';
import type { OverlayMode } from '../ui/spectrumChart.js';

/** Spectra as read from the visitor's files: names, one axis, rows, and labels when the file had them. */
export interface LoadedSpectra extends SpectraPayload {
  labels?: string[];
  source: string;
}

/** What is on screen. A failed step never replaces a field, so the previous result stays. */
export interface AppState {
  model?: ModelInfo;
  spectra?: LoadedSpectra;
  explanation?: Explanation;
  spectrumIndex: number;
  /** Class whose map is drawn; undefined means the predicted class of the spectrum. */
  className?: string;
  overlay: OverlayMode;
}
