import { createCamInterpolator, coarseMaps, minMaxScale, topRegions, topVariables, annotateRegions, bandTables } from '@spectracam/cam';
const p = 1733, n3 = 217;
const centres = Array.from({ length: n3 }, (_, j) => 3.5 + j * (p / n3));
const it = createCamInterpolator(centres, p);
const conv3 = Float32Array.from({ length: 64 * n3 }, () => Math.random());
const w = Float32Array.from({ length: 2 * 64 }, () => Math.random() - 0.5);
const axis = Float64Array.from({ length: p }, (_, i) => 50 + i * 1.125);
const out = new Float64Array(p);
const c = coarseMaps(conv3, w, n3); it.interpolate(c.subarray(0, n3), out);
const s = minMaxScale(out); const r = topRegions(s, axis);
function time(name: string, f: () => unknown) { for (let k = 0; k < 300; k++) f(); const N = 3000; const t = performance.now(); for (let k = 0; k < N; k++) f(); console.log(name, ((performance.now() - t) / N * 1000).toFixed(1), 'us'); }
time('coarseMaps', () => coarseMaps(conv3, w, n3));
time('interpolate', () => it.interpolate(c.subarray(0, n3), out));
time('minMaxScale', () => minMaxScale(out));
time('topVariables', () => topVariables(s));
time('topRegions', () => topRegions(s, axis));
time('annotate', () => annotateRegions(r, bandTables.raman));
