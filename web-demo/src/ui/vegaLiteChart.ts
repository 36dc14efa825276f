import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '@spectracam/cam';

/**
 * Renders one of cam's Vega-Lite specs (the same charts as the report) as SVG with the bundled
 * vega + vega-lite: no vega-embed, no CDN. The previous view in the container is finalized.
 */
const views = new WeakMap<HTMLElement, View>();

export async function drawVegaLite(container: HTMLElement, spec: VegaLiteSpec): Promise<void> {
  views.get(container)?.finalize();
  container.replaceChildren();
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'svg', container, hover: true });
  views.set(container, view);
  await view.runAsync();
}
