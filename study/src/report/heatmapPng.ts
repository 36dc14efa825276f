import { encode } from 'fast-png';
import * as vega from 'vega';

/**
 * Feature maps (rows in `order`) as a PNG data URL: one pixel per position and filter, scaled
 * up, coloured with vega's viridis scheme over the maps' own range. An image keeps the report
 * small where an SVG heat map would draw one path per cell (tens of thousands).
 */
export function heatmapPng(maps: readonly (readonly number[])[], order: readonly number[] = maps.map((_, i) => i), rowHeight = 3): string {
  const rows = order.length;
  const columns = maps[0]?.length ?? 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of order) for (const v of maps[f]!) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const span = hi > lo ? hi - lo : 1;
  const viridis = vega.scheme('viridis') as (t: number) => string;
  const palette = Array.from({ length: 256 }, (_, k) => hexRgb(viridis(k / 255)));
  const height = rows * rowHeight;
  const data = new Uint8Array(columns * height * 3);
  order.forEach((f, r) => {
    const row = maps[f]!;
    for (let x = 0; x < columns; x++) {
      const [cr, cg, cb] = palette[Math.round((255 * (row[x]! - lo)) / span)]!;
      for (let dy = 0; dy < rowHeight; dy++) {
        const o = ((r * rowHeight + dy) * columns + x) * 3;
        data[o] = cr!;
        data[o + 1] = cg!;
        data[o + 2] = cb!;
      }
    }
  });
  const png = encode({ width: columns, height, data, channels: 3, depth: 8 });
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** '#rrggbb' or 'rgb(r, g, b)' as [r, g, b]. */
function hexRgb(color: string): number[] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : [0, 0, 0];
}
