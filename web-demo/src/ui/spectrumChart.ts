import { extent, importanceColour, linearScale, svgEl, ticks } from './svg.js';

export type OverlayMode = 'band' | 'fill';

export interface SpectrumChartData {
  axis: number[];
  unit: string;
  intensities: number[];
  /** Scaled map 0..1 of the chosen class, one value per axis point. */
  importance: number[];
  className: string;
  regions: { start: number; end: number }[];
}

const W = 900;
const H = 320;
const M = { left: 56, right: 16, top: 16, bottom: 40 };

/**
 * The spectrum with the chosen class's map drawn over it, as a colour band under the curve or
 * as a filled importance curve; hovering shows wavenumber, intensity and importance.
 */
export function drawSpectrumChart(container: HTMLElement, data: SpectrumChartData, mode: OverlayMode): void {
  container.replaceChildren();
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' });
  svg.setAttribute('aria-label', `spectrum with the importance map of class ${data.className}`);
  container.appendChild(svg);
  const [x0, x1] = extent(data.axis);
  const [y0, y1] = extent(data.intensities);
  const pad = (y1 - y0) * 0.05 || 1;
  const x = linearScale([x0, x1], [M.left, W - M.right]);
  const y = linearScale([y0 - pad, y1 + pad], [H - M.bottom, M.top]);
  const imp = linearScale([0, 1], [H - M.bottom, M.top]);
  const p = data.axis.length;

  // Regions first, so the curve stays readable over them.
  for (const r of data.regions) {
    const a = x(Math.min(r.start, r.end));
    const b = x(Math.max(r.start, r.end));
    svgEl('rect', { x: Math.min(a, b), y: M.top, width: Math.max(2, Math.abs(b - a)), height: H - M.top - M.bottom, class: 'region' }, svg);
  }
  if (mode === 'band') {
    for (let i = 0; i < p; i++) {
      const left = i === 0 ? x(data.axis[0]!) : (x(data.axis[i - 1]!) + x(data.axis[i]!)) / 2;
      const right = i === p - 1 ? x(data.axis[p - 1]!) : (x(data.axis[i]!) + x(data.axis[i + 1]!)) / 2;
      svgEl('rect', {
        x: Math.min(left, right),
        y: M.top,
        width: Math.abs(right - left) + 0.5,
        height: H - M.top - M.bottom,
        fill: importanceColour(data.importance[i]!),
      }, svg);
    }
  } else {
    let d = `M${x(data.axis[0]!)},${imp(0)}`;
    for (let i = 0; i < p; i++) d += `L${x(data.axis[i]!).toFixed(2)},${imp(data.importance[i]!).toFixed(2)}`;
    d += `L${x(data.axis[p - 1]!)},${imp(0)}Z`;
    svgEl('path', { d, class: 'importance-fill' }, svg);
  }
  let line = '';
  for (let i = 0; i < p; i++) line += `${i ? 'L' : 'M'}${x(data.axis[i]!).toFixed(2)},${y(data.intensities[i]!).toFixed(2)}`;
  svgEl('path', { d: line, class: 'spectrum-line' }, svg);

  drawAxes(svg, x, y, [x0, x1], [y0 - pad, y1 + pad], data.unit);
  addHover(svg, container, data, x, y);
}

function drawAxes(
  svg: SVGSVGElement,
  x: (v: number) => number,
  y: (v: number) => number,
  xs: [number, number],
  ys: [number, number],
  unit: string,
): void {
  const g = svgEl('g', { class: 'axis' }, svg);
  svgEl('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, g);
  svgEl('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }, g);
  for (const t of ticks(xs[0], xs[1], 8)) {
    svgEl('line', { x1: x(t), x2: x(t), y1: H - M.bottom, y2: H - M.bottom + 4 }, g);
    svgEl('text', { x: x(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, g).textContent = String(t);
  }
  for (const t of ticks(ys[0], ys[1], 5)) {
    svgEl('line', { x1: M.left - 4, x2: M.left, y1: y(t), y2: y(t) }, g);
    svgEl('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, g).textContent = String(t);
  }
  svgEl('text', { x: (M.left + W - M.right) / 2, y: H - 6, 'text-anchor': 'middle' }, g).textContent = `wavenumber (${unit})`;
  const label = svgEl('text', { x: 14, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(M.top + H - M.bottom) / 2})` }, g);
  label.textContent = 'intensity';
}

function addHover(
  svg: SVGSVGElement,
  container: HTMLElement,
  data: SpectrumChartData,
  x: (v: number) => number,
  y: (v: number) => number,
): void {
  const cursor = svgEl('line', { class: 'cursor', y1: M.top, y2: H - M.bottom, visibility: 'hidden' }, svg);
  const dot = svgEl('circle', { r: 4, class: 'cursor-dot', visibility: 'hidden' }, svg);
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.hidden = true;
  container.appendChild(tip);
  const pixels = data.axis.map(x);
  svg.addEventListener('pointermove', (event) => {
    const box = svg.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * W;
    let best = 0;
    for (let i = 1; i < pixels.length; i++) if (Math.abs(pixels[i]! - px) < Math.abs(pixels[best]! - px)) best = i;
    const cx = pixels[best]!;
    const cy = y(data.intensities[best]!);
    cursor.setAttribute('x1', String(cx));
    cursor.setAttribute('x2', String(cx));
    dot.setAttribute('cx', String(cx));
    dot.setAttribute('cy', String(cy));
    cursor.setAttribute('visibility', 'visible');
    dot.setAttribute('visibility', 'visible');
    tip.hidden = false;
    tip.textContent =
      `${data.axis[best]!.toFixed(1)} ${data.unit} · intensity ${data.intensities[best]!.toPrecision(4)} · ` +
      `importance (${data.className}) ${data.importance[best]!.toFixed(3)}`;
    tip.style.left = `${(cx / W) * box.width}px`;
    tip.style.top = `${(cy / H) * box.height}px`;
  });
  svg.addEventListener('pointerleave', () => {
    cursor.setAttribute('visibility', 'hidden');
    dot.setAttribute('visibility', 'hidden');
    tip.hidden = true;
  });
}
