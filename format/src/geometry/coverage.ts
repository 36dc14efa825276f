import type { ConvLayerGeometry } from './modelGeometry.js';

/** What coverage reads: a trained run's geometry or a model file's (metadata). */
type LayerStack = { layers: readonly ConvLayerGeometry[] };

/**
 * How many paths of all-ones kernels lead from each input variable to the last layer's positions:
 * 0 where no last-layer position sees the variable (possible with 'valid' padding), so a linear
 * path through the layers cannot read it.
 */
export function coverage(geometry: LayerStack): Float64Array {
  const layers = geometry.layers;
  let g: Float64Array = new Float64Array(layers[layers.length - 1]!.outputLength).fill(1);
  for (let l = layers.length - 1; l >= 0; l--) {
    const geo = layers[l]!;
    const back = new Float64Array(geo.inputLength);
    for (let i = 0; i < geo.outputLength; i++) {
      for (let t = 0; t < geo.kernel; t++) {
        const at = i * geo.stride - geo.padBefore + t;
        if (at >= 0 && at < geo.inputLength) back[at]! += g[i]!;
      }
    }
    g = back;
  }
  return g;
}

/**
 * The linear path's weight on each input variable (see the exporter's withLinearPath): every
 * variable reaches GAP through cover(j) paths and GAP divides by N3, so N3 coef / cover(j) gives the
 * class logit exactly coef . x; 0 where no last-layer position sees the variable.
 */
export function linearPathScale(geometry: LayerStack, cover: ArrayLike<number> = coverage(geometry)): Float64Array {
  const n3 = geometry.layers[geometry.layers.length - 1]!.outputLength;
  return Float64Array.from(cover, (c) => (c > 0 ? n3 / c : 0));
}
