import { extent, linearScale, svgEl, ticks } from './svg.js';

export interface LineSeries {
  label: string;
  values: ArrayLike<number>;
  colour: string;
  /** Shaded spread around the line (e.g. mean +- std). */
  spread?: ArrayLike<number>;
}

export interface LineChartData {
  axis: ArrayLike<number>;
  unit: string;
  yLabel: string;
  series: LineSeries[];
  yDomain?: [number, number];
}

const W = 900;
const H = 220;
const M = { left: 56, right: 16, top: 24, bottom: 36 };

/** A small multi-line chart with optional shaded spread, used where the report has no spec. */
export function drawLineChart(container: HTMLElement, data: LineChartData): void {
  container.replaceChildren();
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' });
  svg.setAttribute('aria-label', data.series.map((s) => s.label).join(', '));
  container.appendChild(svg);
  const axis = Array.from(data.axis);
  const [x0, x1] = extent(axis);
  let yd = data.yDomain;
  if (!yd) {
    const all = data.series.flatMap((s) => Array.from(s.values, (v, i) => [v - (s.spread?.[i] ?? 0), v + (s.spread?.[i] ?? 0)]).flat());
    yd = extent(all);
  }
  const x = linearScale([x0, x1], [M.left, W - M.right]);
  const y = linearScale(yd, [H - M.bottom, M.top]);
  for (const s of data.series) {
    if (s.spread) {
      let d = '';
      for (let i = 0; i < axis.length; i++) d += `${i ? 'L' : 'M'}${x(axis[i]!).toFixed(2)},${y(s.values[i]! + s.spread[i]!).toFixed(2)}`;
      for (let i = axis.length - 1; i >= 0; i--) d += `L${x(axis[i]!).toFixed(2)},${y(s.values[i]! - s.spread[i]!).toFixed(2)}`;
      svgEl('path', { d: `${d}Z`, fill: s.colour, 'fill-opacity': 0.2, stroke: 'none' }, svg);
    }
    let d = '';
    for (let i = 0; i < axis.length; i++) d += `${i ? 'L' : 'M'}${x(axis[i]!).toFixed(2)},${y(s.values[i]!).toFixed(2)}`;
    svgEl('path', { d, fill: 'none', stroke: s.colour, 'stroke-width': 1.5 }, svg);
  }
  const g = svgEl('g', { class: 'axis' }, svg);
  svgEl('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, g);
  svgEl('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }, g);
  for (const t of ticks(x0, x1, 8)) {
    svgEl('text', { x: x(t), y: H - M.bottom + 14, 'text-anchor': 'middle' }, g).textContent = String(t);
  }
  for (const t of ticks(yd[0], yd[1], 4)) {
    svgEl('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, g).textContent = String(t);
  }
  svgEl('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle' }, g).textContent = `wavenumber (${data.unit})`;
  svgEl('text', { x: M.left, y: 14 }, g).textContent = data.yLabel;
  let lx = W - M.right;
  for (const s of [...data.series].reverse()) {
    const t = svgEl('text', { x: lx, y: 14, 'text-anchor': 'end', fill: s.colour }, g);
    t.textContent = s.label;
    lx -= s.label.length * 7 + 16;
  }
}
