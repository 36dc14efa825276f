import type { SpectraModel } from '@spectracam/runtime';
import { resampleLinear } from '@spectracam/cam';
import type { ExplainMethod, Explanation, SpectraPayload, SpectrumExplanation } from './protocol.js';
import type { BandTableName } from './bandTableFor.js';
import { bandTableFor } from './bandTableFor.js';

/**
 * Predicts and explains every spectrum for every class (full scaled maps), and flattens the
 * runtime's answer into plain arrays for the page. Regions are those of the predicted class.
 */
export async function explainPayload(model: SpectraModel, spectra: SpectraPayload, bands: BandTableName, method: ExplainMethod = 'cam'): Promise<Explanation> {
  const started = performance.now();
  const explanations = await model.explain(spectra.rows, {
    method,
    axis: spectra.axis,
    extendEnds: spectra.extendEnds,
    class: 'all',
    full: true,
    bands: bandTableFor(bands, model.axis),
  });
  const millis = performance.now() - started;
  const classes = [...model.classes];
  const out: SpectrumExplanation[] = explanations.map((e, i) => {
    const byClass = new Map(e.maps.map((m) => [m.class, m]));
    const chosen = byClass.get(e.predicted);
    return {
      name: spectra.names[i] ?? `spectrum ${i + 1}`,
      predicted: e.predicted,
      probabilities: classes.map((c) => e.probabilities[c] ?? 0),
      // The runtime already refused spectra that do not cover the model axis (less the allowance), so this cannot throw.
      intensities: Array.from(resampleLinear(spectra.axis, spectra.rows[i]!, model.axis, spectra.extendEnds)),
      maps: classes.map((c) => Array.from(byClass.get(c)?.map ?? [])),
      regions: (chosen?.regions ?? []).map((r) => ({
        start: r.start,
        end: r.end,
        peak: r.peak,
        score: r.score,
        band: r.band ? `${r.band.name} (${r.band.position})` : undefined,
      })),
      ...(e.novelty !== undefined ? { novelty: e.novelty, unknown: e.unknown } : {}),
    };
  });
  return { spectra: out, millis };
}
