import { VEGA_LITE_SCHEMA, round, type VegaLiteSpec } from '@spectracam/cam';

export interface KernelMatch {
  filter: number;
  kernel: readonly number[];
  match: { window: number; order: number; derivative: number; coefficients: readonly number[]; cosine: number };
}

/**
 * Conv1 kernels (black) beside the closest Savitzky-Golay kernel (orange), both scaled to unit
 * norm with the SG sign matched, one small panel per filter titled with the SG parameters and
 * the cosine similarity.
 */
export function kernelSpec(kernels: readonly KernelMatch[], title: string): VegaLiteSpec {
  const unit = (v: readonly number[]) => {
    const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    return v.map((x) => x / n);
  };
  const values = kernels.flatMap(({ filter, kernel, match }) => {
    const k = unit(kernel);
    let sg = unit(match.coefficients);
    if (k.reduce((s, x, i) => s + x * sg[i]!, 0) < 0) sg = sg.map((x) => -x);
    const label = `filter ${filter + 1}: SG w${match.window} o${match.order} d${match.derivative}, cos ${match.cosine.toFixed(2)}`;
    return [...k.map((y, t) => ({ label, t, y: round(y, 4), series: 'Conv1 kernel' })), ...sg.map((y, t) => ({ label, t, y: round(y, 4), series: 'Savitzky-Golay' }))];
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: { values },
    facet: { field: 'label', type: 'nominal', title: null, sort: null, header: { labelFontSize: 9 } },
    columns: 4,
    spec: {
      width: 140,
      height: 80,
      mark: { type: 'line', point: { size: 12 } },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'tap' },
        y: { field: 'y', type: 'quantitative', title: null },
        color: { field: 'series', type: 'nominal', scale: { range: ['#222', '#ff7f0e'] }, title: null },
      },
    },
  };
}
