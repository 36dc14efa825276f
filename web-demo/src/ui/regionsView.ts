import type { RegionView } from '../worker/protocol.js';

/** Top regions of the map (top fraction of variables, merged), with the nearest known band. */
export function drawRegions(container: HTMLElement, all: RegionView[], unit: string, className: string, shown = 10): void {
  const regions = all.slice(0, shown);
  const table = document.createElement('table');
  table.className = 'regions';
  table.createCaption().textContent =
    `Top regions for ${className}` + (all.length > shown ? ` (the ${shown} highest of ${all.length})` : '');
  const head = table.createTHead().insertRow();
  for (const h of [`from (${unit})`, `to (${unit})`, `peak (${unit})`, 'mean importance', 'band']) {
    const th = document.createElement('th');
    th.textContent = h;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const r of regions) {
    const row = body.insertRow();
    row.insertCell().textContent = r.start.toFixed(1);
    row.insertCell().textContent = r.end.toFixed(1);
    row.insertCell().textContent = r.peak.toFixed(1);
    row.insertCell().textContent = r.score.toFixed(3);
    row.insertCell().textContent = r.band ?? '—';
  }
  container.replaceChildren(table);
}
