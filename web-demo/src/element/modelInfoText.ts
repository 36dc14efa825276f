import type { ModelInfo } from '../worker/protocol.js';

/** One line on the loaded model: classes, axis, feature maps, device and its unknown-sample score. */
export function modelInfoText(m: ModelInfo): string {
  const lo = Math.min(m.axis[0]!, m.axis[m.axis.length - 1]!);
  const hi = Math.max(m.axis[0]!, m.axis[m.axis.length - 1]!);
  return (
    `Model ${m.name}: classes ${m.classes.join(', ')}; ${m.axis.length} variables, ${lo}–${hi} ${m.unit}; ` +
    `feature maps of ${m.featureLayers.join(', ') || 'none'}; running on ${m.device}; ` +
    (m.novelty
      ? `unknown-sample score: spectra above ${m.novelty.threshold.toPrecision(4)} are flagged unknown.`
      : 'no unknown-sample score in this file (exported before it): spectra unlike the training data are not flagged.')
  );
}
