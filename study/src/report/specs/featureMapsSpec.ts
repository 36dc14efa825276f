import { VEGA_LITE_SCHEMA, round, type VegaLiteSpec } from '@spectracam/cam';

/**
 * One conv layer's feature maps for one input as a heat map (rows = filters, columns =
 * positions), as in the study's Fig 7. `order` puts the rows in the given filter order.
 */
export function featureMapsSpec(maps: readonly (readonly number[])[], title: string, order: readonly number[] = maps.map((_, i) => i), rowLabel = 'filter'): VegaLiteSpec {
  const values = order.flatMap((f, rank) => maps[f]!.map((v, x) => ({ row: rank, filter: f, x, v: round(v, 4) })));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 300,
    height: Math.min(260, 4 * maps.length + 20),
    data: { values },
    mark: 'rect',
    encoding: {
      x: { field: 'x', type: 'ordinal', title: 'position', axis: { labels: false, ticks: false } },
      y: { field: 'row', type: 'ordinal', title: rowLabel, axis: { labels: false, ticks: false } },
      color: { field: 'v', type: 'quantitative', title: 'activation', scale: { scheme: 'viridis' } },
      tooltip: [{ field: 'filter' }, { field: 'x' }, { field: 'v' }],
    },
  };
}
