import { assertFiniteArray, assertLength } from '../util/checks.js';
import { frame, round, xEncoding, type ChartOptions, type VegaLiteSpec } from './chartSpec.js';

export interface TopFrequencyChartInput extends ChartOptions {
  axis: ArrayLike<number>;
  /** Per class, the share of its spectra with each variable in the top fraction (classStatistics). */
  frequency: Record<string, ArrayLike<number>>;
  /** Shown in the y title. @default 0.1 */
  fraction?: number;
}

/** How often each variable is among a class's top variables (the study's Figs 3 and 5), one line per class. */
export function topFrequencyChart(input: TopFrequencyChartInput): VegaLiteSpec {
  const { axis, frequency } = input;
  assertFiniteArray(axis, 'axis');
  if (typeof frequency !== 'object' || frequency === null) throw new TypeError(`'frequency' must be an object of arrays by class`);
  const values: { x: number; class: string; frequency: number }[] = [];
  for (const [name, f] of Object.entries(frequency)) {
    assertFiniteArray(f, `frequency.${name}`);
    assertLength(f, axis.length, `frequency.${name}`, 'one per axis position');
    for (let i = 0; i < axis.length; i++) values.push({ x: round(axis[i]!), class: name, frequency: round(f[i]!, 4) });
  }
  const percent = Math.round((input.fraction ?? 0.1) * 100);
  return {
    ...frame(input),
    data: { values },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: xEncoding(input),
      y: { field: 'frequency', type: 'quantitative', title: `share in top ${percent} %`, axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'class', type: 'nominal', title: 'class' },
    },
  };
}
