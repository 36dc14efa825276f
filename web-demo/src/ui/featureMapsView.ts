import type { FeatureMapsView } from '../worker/protocol.js';
import { importanceColour } from './svg.js';

/**
 * Feature maps of each conv layer as heat maps (rows = channels, columns = positions), each
 * layer scaled to its own maximum; all-zero rows are ReLU-"dead" filters (study section 3.3).
 */
export function drawFeatureMaps(container: HTMLElement, view: FeatureMapsView): void {
  container.replaceChildren();
  for (const layer of view.layers) {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    const dead = layer.maps.filter((row) => row.every((v) => v === 0)).length;
    caption.textContent = `${layer.name}: ${layer.maps.length} channels x ${layer.maps[0]?.length ?? 0} positions, ${dead} all zero`;
    const canvas = document.createElement('canvas');
    const rows = layer.maps.length;
    const cols = layer.maps[0]?.length ?? 0;
    canvas.width = Math.max(1, cols);
    canvas.height = Math.max(1, rows);
    canvas.className = 'feature-map';
    const ctx = canvas.getContext('2d');
    let max = 0;
    for (const row of layer.maps) for (const v of row) if (v > max) max = v;
    if (ctx && cols > 0) {
      const image = ctx.createImageData(cols, rows);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const rgb = importanceColour(max > 0 ? layer.maps[r]![c]! / max : 0).match(/\d+/g)!.map(Number);
          const o = (r * cols + c) * 4;
          image.data[o] = rgb[0]!;
          image.data[o + 1] = rgb[1]!;
          image.data[o + 2] = rgb[2]!;
          image.data[o + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0);
    }
    figure.append(canvas, caption);
    container.appendChild(figure);
  }
}
