import { PLOT_MARK } from '../options/ownOutputs.js';
import { placeLabels } from './placeLabels.js';
import type { AnnotatedRegion } from '@spectracam/cam';

export interface ExplanationPlot {
  title: string;
  axis: ArrayLike<number>;
  unit: string;
  spectrum: ArrayLike<number>;
  /** Scaled map 0..1 on the same axis. */
  map: ArrayLike<number>;
  regions: AnnotatedRegion[];
}

const W = 900;
const H = 360;
// Top margin: the title and three rows of region labels.
const M = { left: 56, right: 56, top: 62, bottom: 44 };
const LABEL_ROW = 12;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** Evenly spaced round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 6): number[] {
  const raw = (hi - lo) / count;
  const step = [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(v);
  return out;
}

/**
 * One spectrum (blue, left scale) with its class activation map (red, right scale 0..1) and its
 * top regions shaded and labelled with their bands, as a self-contained SVG document (the study's
 * Fig. 2 style for a single spectrum).
 */
export function explanationSvg(plot: ExplanationPlot): string {
  const n = plot.axis.length;
  const xs = Array.from(plot.axis);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const ys = Array.from(plot.spectrum);
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  // Infrared spectra are drawn from high to low wavenumber, as IR users read them; Raman (a shift
  // axis starting below 400 cm-1) and other units from low to high.
  const decreasing = plot.unit === 'cm-1' && x0 >= 400;
  const sx = (v: number) => M.left + ((decreasing ? x1 - v : v - x0) / (x1 - x0 || 1)) * pw;
  const sy = (v: number) => M.top + ph - ((v - y0) / (y1 - y0 || 1)) * ph;
  const sm = (v: number) => M.top + ph - v * ph;
  const path = (f: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => `${i ? 'L' : 'M'}${sx(xs[i]!).toFixed(1)},${f(i).toFixed(1)}`).join('');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" ${PLOT_MARK} width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${M.left}" y="20" font-size="13" font-weight="bold">${escape(plot.title)}</text>`);
  for (const r of plot.regions) {
    const a = sx(Math.min(r.start, r.end));
    const b = sx(Math.max(r.start, r.end));
    parts.push(`<rect class="region" x="${a.toFixed(1)}" y="${M.top}" width="${Math.max(1, b - a).toFixed(1)}" height="${ph}" fill="#f4a582" fill-opacity="0.35"/>`);
  }
  // Regions come strongest first, so a label that does not fit belongs to a weaker region.
  const labels = placeLabels(plot.regions.map((r) => ({ x: sx(r.peak), text: r.band ? `${fmt(r.peak)} ${r.band.name}` : fmt(r.peak) })));
  for (const l of labels) {
    parts.push(`<text class="region-label" x="${l.x.toFixed(1)}" y="${M.top - 4 - l.row * LABEL_ROW}" text-anchor="middle" fill="#b2182b">${escape(l.text)}</text>`);
  }
  parts.push(`<path class="spectrum" d="${path((i) => sy(ys[i]!))}" fill="none" stroke="#2166ac" stroke-width="1.2"/>`);
  parts.push(`<path class="map" d="${path((i) => sm(plot.map[i]!))}" fill="none" stroke="#d6604d" stroke-width="1.5"/>`);
  // Axes: wavenumber below, intensity left, importance right.
  parts.push(`<g stroke="#333" fill="none"><rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}"/></g>`);
  for (const t of ticks(x0, x1)) {
    parts.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${M.top + ph}" y2="${M.top + ph + 4}" stroke="#333"/><text x="${sx(t)}" y="${M.top + ph + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of ticks(y0, y1, 4)) parts.push(`<text x="${M.left - 4}" y="${sy(t) + 4}" text-anchor="end" fill="#2166ac">${fmt(t)}</text>`);
  for (const t of [0, 0.5, 1]) parts.push(`<text x="${M.left + pw + 4}" y="${sm(t) + 4}" fill="#d6604d">${t}</text>`);
  parts.push(`<text x="${M.left + pw / 2}" y="${H - 8}" text-anchor="middle">${escape(plot.unit === 'cm-1' ? 'wavenumber (cm⁻¹)' : plot.unit)}</text>`);
  parts.push(`<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#2166ac">intensity</text>`);
  parts.push(`<text transform="translate(${W - 14} ${M.top + ph / 2}) rotate(90)" text-anchor="middle" fill="#d6604d">importance (scaled)</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
