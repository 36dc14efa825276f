import type { Spec } from './common.js';
import { SCHEMA, r4, xAxisTitle } from './common.js';

/** Curves of every partition overlaid (study Fig 10): class-mean maps or VIP; the title carries mean r. */
export function stabilitySpec(axis: readonly number[], unit: string, curves: { partition: string; values: readonly number[] }[], yTitle: string, title: string): Spec {
  const values = curves.flatMap(({ partition, values: v }) => v.map((y, i) => ({ x: r4(axis[i]!), y: r4(y), partition })));
  return {
    $schema: SCHEMA,
    title,
    width: 640,
    height: 160,
    data: { values },
    mark: { type: 'line', strokeWidth: 1, opacity: 0.8 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xAxisTitle(unit), scale: { zero: false, nice: false } },
      y: { field: 'y', type: 'quantitative', title: yTitle },
      color: { field: 'partition', type: 'nominal' },
    },
  };
}
