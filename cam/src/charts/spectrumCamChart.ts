import { assertFiniteArray, assertLength } from '../util/checks.js';
import type { AnnotatedRegion } from '../bands/annotateRegions.js';
import type { Region } from '../top/topRegions.js';
import { frame, round, xEncoding, type ChartOptions, type VegaLiteSpec } from './chartSpec.js';

export interface SpectrumCamChartInput extends ChartOptions {
  axis: ArrayLike<number>;
  spectrum: ArrayLike<number>;
  /** Scaled map (0..1), one value per variable. */
  map: ArrayLike<number>;
  regions?: (Region | AnnotatedRegion)[];
  /** 'curve': the map as a filled curve on its own axis; 'band': a colour band behind the spectrum. @default 'curve' */
  overlay?: 'curve' | 'band';
}

/** One spectrum (blue line) with its class activation map and its top regions (shaded, named). */
export function spectrumCamChart(input: SpectrumCamChartInput): VegaLiteSpec {
  const { axis, spectrum, map } = input;
  assertFiniteArray(axis, 'axis');
  assertFiniteArray(spectrum, 'spectrum');
  assertFiniteArray(map, 'map');
  assertLength(spectrum, axis.length, 'spectrum', 'one per axis position');
  assertLength(map, axis.length, 'map', 'one per axis position');
  const values = Array.from({ length: axis.length }, (_, i) => ({
    x: round(axis[i]!),
    // Next position, for the colour band's rectangles.
    x2: round(axis[Math.min(i + 1, axis.length - 1)]!),
    intensity: round(spectrum[i]!),
    importance: round(map[i]!, 4),
  }));
  const x = xEncoding(input);
  const mapLayer =
    input.overlay === 'band'
      ? {
          mark: { type: 'rect', opacity: 0.8 },
          encoding: {
            x,
            x2: { field: 'x2' },
            color: { field: 'importance', type: 'quantitative', scale: { scheme: 'reds', domain: [0, 1] }, title: 'importance' },
          },
        }
      : {
          mark: { type: 'area', color: '#d62728', opacity: 0.3, line: { color: '#d62728' } },
          encoding: { x, y: { field: 'importance', type: 'quantitative', title: 'importance', scale: { domain: [0, 1] } } },
        };
  const layers: VegaLiteSpec[] = [
    { data: { values }, ...mapLayer },
    {
      data: { values },
      mark: { type: 'line', color: '#1f77b4', strokeWidth: 1.2 },
      encoding: { x, y: { field: 'intensity', type: 'quantitative', title: 'intensity', scale: { zero: false } } },
    },
  ];
  if (input.regions && input.regions.length > 0) {
    const regions = input.regions.map((r) => ({
      start: round(Math.min(r.start, r.end)),
      end: round(Math.max(r.start, r.end)),
      peak: round(r.peak),
      label: 'band' in r && r.band ? r.band.name : `${round(r.peak, 5)}`,
    }));
    layers.push(
      {
        data: { values: regions },
        mark: { type: 'rect', color: '#ff7f0e', opacity: 0.2 },
        encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } },
      },
      {
        data: { values: regions },
        mark: { type: 'text', angle: 270, align: 'left', dx: 0, dy: -4, baseline: 'bottom', fontSize: 9, y: 0 },
        encoding: { x: { field: 'peak', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  return { ...frame(input), layer: layers, resolve: { scale: { y: 'independent', color: 'independent' } } };
}
