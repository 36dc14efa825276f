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
}

export function xTitle(unit: string | undefined): string {
  return unit ? `wavenumber (${unit})` : 'variable';
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
