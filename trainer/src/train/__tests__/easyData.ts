/**
 * A small, easily separable two-class set for training tests: one Gaussian band, narrow for class
 * 0 and wide for class 1 (a shape, not a position: GAP makes the network blind to position), at a
 * random place, plus noise, on 48 variables. Seeded, so every run sees the same data.
 */
export function easyData(n = 40, p = 48, seed = 7) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const spectra: Float32Array[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    labels[i] = c;
    const centre = (0.3 + 0.4 * random()) * p;
    const width = c === 0 ? 1.5 : 5;
    spectra.push(Float32Array.from({ length: p }, (_, j) => Math.exp(-(((j - centre) / width) ** 2)) + 0.1 * (random() - 0.5)));
  }
  const rows = Array.from({ length: n }, (_, i) => i);
  return { spectra, labels, classes: 2, train: rows.filter((i) => i % 5 < 3), validation: rows.filter((i) => i % 5 === 3), test: rows.filter((i) => i % 5 === 4) };
}
