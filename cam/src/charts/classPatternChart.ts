import { assertFiniteArray, assertLength } from '../util/checks.js';
import { frame, round, xEncoding, type ChartOptions, type VegaLiteSpec } from './chartSpec.js';

export interface ClassPatternChartInput extends ChartOptions {
  axis: ArrayLike<number>;
  /** Mean spectrum of the class (blue). */
  meanSpectrum: ArrayLike<number>;
  /** Mean scaled map (red line) and its standard deviation (shaded), from classStatistics. */
  meanMap: ArrayLike<number>;
  stdMap: ArrayLike<number>;
}

/** A class's pattern as in the study's Figs 2 and 4: mean spectrum, mean importance +- std. */
export function classPatternChart(input: ClassPatternChartInput): VegaLiteSpec {
  const { axis, meanSpectrum, meanMap, stdMap } = input;
  assertFiniteArray(axis, 'axis');
  for (const [v, name] of [[meanSpectrum, 'meanSpectrum'], [meanMap, 'meanMap'], [stdMap, 'stdMap']] as const) {
    assertFiniteArray(v, name);
    assertLength(v, axis.length, name, 'one per axis position');
  }
  const values = Array.from({ length: axis.length }, (_, i) => ({
    x: round(axis[i]!),
    intensity: round(meanSpectrum[i]!),
    importance: round(meanMap[i]!, 4),
    // The map is scaled to 0..1, so the shaded band is too.
    low: round(Math.max(0, meanMap[i]! - stdMap[i]!), 4),
    high: round(Math.min(1, meanMap[i]! + stdMap[i]!), 4),
  }));
  const x = xEncoding(input);
  const importance = { type: 'quantitative', title: 'mean importance', scale: { domain: [0, 1] } };
  return {
    ...frame(input),
    data: { values },
    layer: [
      {
        layer: [
          { mark: { type: 'area', color: '#d62728', opacity: 0.2 }, encoding: { x, y: { field: 'low', ...importance }, y2: { field: 'high' } } },
          { mark: { type: 'line', color: '#d62728' }, encoding: { x, y: { field: 'importance', ...importance } } },
        ],
      },
      {
        mark: { type: 'line', color: '#1f77b4' },
        encoding: { x, y: { field: 'intensity', type: 'quantitative', title: 'mean spectrum', scale: { zero: false } } },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
