export type Spec = Record<string, unknown>;
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const r4 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);
export const xAxisTitle = (unit: string) => (unit ? `wavenumber (${unit})` : 'variable');
