import type { Spec } from './common.js';
import { SCHEMA, r4 } from './common.js';

export interface PartitionAccuracy {
  partition: string;
  cnnMean: number;
  cnnStd: number;
  plsLda?: number;
}

/** Test accuracy per partition (study Fig 9): CNN mean with +-std error bars over repeats, PLS-LDA as a point. */
export function partitionAccuracySpec(rows: PartitionAccuracy[], title: string): Spec {
  const values = rows.flatMap((r) => [
    { partition: r.partition, model: 'CNN', accuracy: r4(r.cnnMean), low: r4(r.cnnMean - r.cnnStd), high: r4(Math.min(1, r.cnnMean + r.cnnStd)) },
    ...(r.plsLda === undefined ? [] : [{ partition: r.partition, model: 'PLS-LDA', accuracy: r4(r.plsLda), low: r4(r.plsLda), high: r4(r.plsLda) }]),
  ]);
  const x = { field: 'partition', type: 'nominal', sort: null, title: 'partition' };
  const xOffset = { field: 'model' };
  return {
    $schema: SCHEMA,
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
