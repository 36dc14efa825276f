import { VEGA_LITE_SCHEMA, round, type VegaLiteSpec } from '@spectracam/cam';

export interface PartitionAccuracy {
  partition: string;
  cnnMean: number;
  cnnStd: number;
  plsLda?: number;
}

/** Test accuracy per partition (study Fig 9): CNN mean with +-std error bars over repeats, PLS-LDA as a point. */
export function partitionAccuracySpec(rows: PartitionAccuracy[], title: string): VegaLiteSpec {
  const values = rows.flatMap((r) => [
    { partition: r.partition, model: 'CNN', accuracy: round(r.cnnMean, 4), low: round(r.cnnMean - r.cnnStd, 4), high: round(Math.min(1, r.cnnMean + r.cnnStd), 4) },
    ...(r.plsLda === undefined ? [] : [{ partition: r.partition, model: 'PLS-LDA', accuracy: round(r.plsLda, 4), low: round(r.plsLda, 4), high: round(r.plsLda, 4) }]),
  ]);
  const x = { field: 'partition', type: 'nominal', sort: null, title: 'partition' };
  const xOffset = { field: 'model' };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 420,
    height: 220,
    data: { values },
    layer: [
      { mark: { type: 'errorbar', ticks: true }, encoding: { x, xOffset, y: { field: 'low', type: 'quantitative', title: 'test accuracy', scale: { zero: false } }, y2: { field: 'high' }, color: { field: 'model' } } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { x, xOffset, y: { field: 'accuracy', type: 'quantitative' }, color: { field: 'model', type: 'nominal' }, shape: { field: 'model' } } },
    ],
  };
}
