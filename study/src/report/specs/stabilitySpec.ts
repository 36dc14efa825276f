import { VEGA_LITE_SCHEMA, round, xEncoding, type ChartOptions, type VegaLiteSpec } from '@spectracam/cam';

/** Curves of every partition overlaid (study Fig 10): class-mean maps or VIP; the title carries mean r. */
export function stabilitySpec(axis: readonly number[], chart: Pick<ChartOptions, 'unit' | 'decreasing'>, curves: { partition: string; values: readonly number[] }[], yTitle: string, title: string): VegaLiteSpec {
  const values = curves.flatMap(({ partition, values: v }) => v.map((y, i) => ({ x: round(axis[i]!, 4), y: round(y, 4), partition })));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 640,
    height: 160,
    data: { values },
    mark: { type: 'line', strokeWidth: 1, opacity: 0.8 },
    encoding: {
      x: xEncoding({ ...chart, width: 640 }),
      y: { field: 'y', type: 'quantitative', title: yTitle },
      color: { field: 'partition', type: 'nominal' },
    },
  };
}
