import { createCamInterpolator, RankSketch, topCount } from '@spectracam/cam';
import { explainClass } from '../../runtime/src/explain/explainBatch.js';
const p = 1733, n3 = 434, B = 256;
const centres = Array.from({ length: n3 }, (_, j) => 12 + 4 * j);
const interpolator = createCamInterpolator(centres, p, 'receptive-field');
const axis = Float64Array.from({ length: p }, (_, i) => 50 + (1950 * i) / (p - 1));
// Coarse maps with a few bumps each, like trained CAMs.
const coarse = Float32Array.from({ length: B * n3 }, (_, i) => { const r = Math.floor(i / n3), j = i % n3; return Math.exp(-(((j - (r * 37) % n3) / 6) ** 2)) + 0.5 * Math.exp(-(((j - (r * 91) % n3) / 3) ** 2)) + 0.05 * Math.sin(j * 0.3 + r); });
const context = { classes: ['a'], axis, n3, interpolator, scratch: new Float64Array(p), sketch: new RankSketch(p) };
const k = topCount(p, 0.1);
let sink = 0;
const once = () => { for (let r = 0; r < B; r++) sink += explainClass(context, coarse, r * n3, 0, {}, k).regions.length; };
for (let i = 0; i < 50; i++) once();
for (let round = 0; round < 5; round++) {
  const t = performance.now();
  for (let i = 0; i < 50; i++) once();
  console.log(`${((performance.now() - t) / 50).toFixed(3)} ms per 256 maps`);
}
console.log(sink);
