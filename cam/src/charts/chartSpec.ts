/**
 * Vega-Lite specs are plain JSON; cam builds them without depending on vega. Render them with
 * vega-embed in a page or vega + vega-lite in Node (the study's report does).
 */
export type VegaLiteSpec = Record<string, unknown>;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Common chart options. */
export interface ChartOptions {
  /** @default '' */
  title?: string;
  /** Axis unit shown in the x title, e.g. 'cm-1'. @default '' */
  unit?: string;
  /** @default 640 */
  width?: number;
  /** @default 240 */
  height?: number;
  /** Draw the axis from high to low values, as infrared spectra are read. @default false */
  decreasing?: boolean;
}

/** The x scale of a spectrum chart: the data's range, high to low when asked. */
export function xScale(options: ChartOptions): Record<string, unknown> {
  return { zero: false, nice: false, ...(options.decreasing ? { reverse: true } : {}) };
}

/**
 * The x encoding of a spectrum chart. About one label per 80 px, and the end labels not pulled
 * inside the plot (Vega's flush put "2,000" on top of "1,900").
 */
export function xEncoding(options: ChartOptions): Record<string, unknown> {
  return {
    field: 'x',
    type: 'quantitative',
    title: xTitle(options.unit),
    scale: xScale(options),
    axis: { tickCount: Math.max(2, Math.round((options.width ?? 640) / 80)), labelFlush: false, labelOverlap: true },
  };
}

export function xTitle(unit: string | undefined): string {
  if (!unit) return 'variable';
  return unit === 'cm-1' ? 'wavenumber (cm⁻¹)' : unit === 'nm' || unit === 'um' ? `wavelength (${unit === 'um' ? 'µm' : unit})` : `${unit}`;
}

/** Rounds to keep inline data small without changing what a plot shows. */
export function round(v: number, digits = 6): number {
  return Number.isFinite(v) ? Number(v.toPrecision(digits)) : v;
}

export function frame(options: ChartOptions): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 640,
    height: options.height ?? 240,
  };
}
