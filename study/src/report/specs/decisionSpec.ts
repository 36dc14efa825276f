import { VEGA_LITE_SCHEMA, round, type VegaLiteSpec } from '@spectracam/cam';

/**
 * The decision for one spectrum (study Fig 8): per class, the products F_i * w_i^c of the GAP
 * outputs and the class weights as stacked bars (positive up, negative down), the bias, and the
 * class sum S_c as a black tick. With a linear path (`path`, its logit per class) that logit is one more
 * segment of the stack and part of S_c.
 */
export function decisionSpec(classes: readonly string[], gap: readonly number[], weights: readonly (readonly number[])[], bias: readonly number[], title: string, path?: readonly number[]): VegaLiteSpec {
  const bars = classes.flatMap((c, ci) => [
    ...gap.map((f, i) => ({ class: c, part: `F${i + 1}`, filter: i + 1, product: round(f * weights[ci]![i]!, 4) })),
    { class: c, part: 'bias', filter: 0, product: round(bias[ci]!, 4) },
    ...(path ? [{ class: c, part: 'path', filter: -1, product: round(path[ci]!, 4) }] : []),
  ]);
  const sums = classes.map((c, ci) => ({ class: c, sum: round(gap.reduce((s, f, i) => s + f * weights[ci]![i]!, bias[ci]! + (path?.[ci] ?? 0)), 4) }));
  const x = { field: 'class', type: 'nominal', title: 'class', sort: null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: Math.max(200, 90 * classes.length),
    height: 260,
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.3 },
        encoding: {
          x,
          y: { field: 'product', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: `F_i x w_i stacked (grey: bias${path ? ', orange: linear path' : ''}), tick: S_c` },
          color: { condition: [{ test: "datum.part === 'bias'", value: '#999' }, { test: "datum.part === 'path'", value: '#e6550d' }], field: 'filter', type: 'quantitative', title: 'filter i', scale: { scheme: 'viridis', domain: [1, gap.length] } },
          detail: { field: 'part' },
          order: { field: 'filter' },
        },
      },
      { data: { values: sums }, mark: { type: 'tick', color: 'black', thickness: 3, size: 40 }, encoding: { x, y: { field: 'sum', type: 'quantitative' } } },
      { data: { values: sums }, mark: { type: 'text', dy: -10, fontWeight: 'bold' }, encoding: { x, y: { field: 'sum', type: 'quantitative' }, text: { field: 'sum', format: '.2f' } } },
    ],
  };
}

/** GAP outputs F_i and the class weights w_i^c per filter, as bars (the inputs of the decision). */
export function gapWeightsSpec(classes: readonly string[], gap: readonly number[], weights: readonly (readonly number[])[], title: string): VegaLiteSpec {
  const values = [
    ...gap.map((f, i) => ({ filter: i + 1, value: round(f, 4), series: 'GAP output F_i' })),
    ...classes.flatMap((c, ci) => weights[ci]!.map((w, i) => ({ filter: i + 1, value: round(w, 4), series: `weight w_i for ${c}` }))),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: { values },
    // Row labels above each panel: rotated beside 70 px panels, they ran into each other.
    facet: { row: { field: 'series', type: 'nominal', title: null, sort: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } } },
    spec: { width: 640, height: 70, mark: 'bar', encoding: { x: { field: 'filter', type: 'ordinal', axis: { values: filterTicks(gap.length), labelAngle: 0 } }, y: { field: 'value', type: 'quantitative', title: null } } },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Filters to label on an axis of `k` bands: every one up to 32, else about 16 (a label per band ran into its neighbours). */
function filterTicks(k: number): number[] {
  if (k <= 32) return Array.from({ length: k }, (_, i) => i + 1);
  const step = Math.ceil(k / 16 / 4) * 4;
  return [1, ...Array.from({ length: Math.floor(k / step) }, (_, i) => (i + 1) * step)];
}
