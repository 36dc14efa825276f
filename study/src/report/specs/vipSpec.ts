import { VEGA_LITE_SCHEMA, round, xEncoding, type ChartOptions, type VegaLiteSpec } from '@spectracam/cam';

/** PLS-LDA VIP per variable (study Fig 6), one line per partition, with the 1 and 0.5 lines. */
export function vipSpec(axis: readonly number[], chart: Pick<ChartOptions, 'unit' | 'decreasing'>, vipByPartition: { partition: string; vip: readonly number[] }[], title: string): VegaLiteSpec {
  const values = vipByPartition.flatMap(({ partition, vip }) => vip.map((v, i) => ({ x: round(axis[i]!, 4), vip: round(v, 4), partition })));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 640,
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1 },
        encoding: {
          x: xEncoding({ ...chart, width: 640 }),
          y: { field: 'vip', type: 'quantitative', title: 'VIP' },
          color: { field: 'partition', type: 'nominal' },
        },
      },
      {
        data: { values: [{ y: 1, label: 'VIP 1: relevant' }, { y: 0.5, label: 'VIP 0.5: irrelevant below' }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  };
}
