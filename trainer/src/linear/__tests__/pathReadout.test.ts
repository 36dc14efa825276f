import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sgg } from 'ml-savitzky-golay-generalized';
import { seededRandom } from '@spectracam/data';
import { savitzkyGolayDerivative } from '../derivativeOperator.js';
import { fitLinearReadout } from '../linearReadout.js';
import { fitPathReadout } from '../pathReadout.js';
import { applyPreprocessing, fitPreprocessing } from '../../preprocess/index.js';

const p = 120;
const axis = Float64Array.from({ length: p }, (_, j) => 300 + 5 * j);

/** Three classes that differ by one band's position each, on a sloped baseline that varies per spectrum. */
function spectra(n: number, seed: number): { x: Float64Array[]; labels: Int32Array } {
  const random = seededRandom(seed);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const x = Array.from(labels, (c) => {
    const slope = random() * 0.02;
    const centre = 500 + 40 * c;
    return Float64Array.from(axis, (w) => 10 + slope * (w - 300) + 3 * Math.exp(-(((w - centre) / 12) ** 2)) + 0.05 * (random() - 0.5));
  });
  return { x, labels };
}

test('derivative operator: equals the Savitzky-Golay filter, and its transpose is its adjoint', () => {
  const d = savitzkyGolayDerivative(axis)!;
  const random = seededRandom(3);
  const u = Float64Array.from({ length: p }, () => random() - 0.5);
  const v = Float64Array.from({ length: p }, () => random() - 0.5);
  const du = d.apply(u);
  const expected = sgg(u, axis, { windowSize: 11, polynomial: 2, derivative: 1 }) as ArrayLike<number>;
  du.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) < 1e-12, `D u at ${i}: ${value} vs ${expected[i]}`));
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, ai, i) => s + ai * b[i]!, 0);
  assert.ok(Math.abs(dot(du, v) - dot(u, d.transposeApply(v))) < 1e-10);
  assert.equal(savitzkyGolayDerivative(axis.subarray(0, 9)), undefined, 'shorter than the window: no derivative');
});

for (const kind of ['minmax-variable', 'snv'] as const) {
  test(`linear path on the derivative (${kind}): folded onto the network input, its logits are PLS-LDA's on the derivative of the spectrum`, () => {
    const { x, labels } = spectra(90, 7);
    const train = Array.from({ length: 60 }, (_, i) => i);
    const preprocessing = fitPreprocessing(kind, train.map((i) => x[i]!));
    const z = applyPreprocessing(preprocessing, x);
    const folded = fitPathReadout(z, labels, 3, train, 4, { input: 'derivative', preprocessing, axis });
    assert.equal(folded.input, 'derivative');
    // The same model fitted directly on D of the spectrum in the data's units (up to a shift per variable).
    const d = savitzkyGolayDerivative(axis)!;
    const raw = kind === 'snv' ? z : z.map((row) => Float64Array.from(row, (v, j) => v * (preprocessing.kind === 'minmax-variable' ? preprocessing.max[j]! - preprocessing.min[j]! : 1)));
    const features = raw.map((r) => d.apply(r));
    const direct = fitLinearReadout(features, labels, 3, train, 4);
    assert.equal(folded.components, direct.components);
    // What explanations read: the coefficients on the derivative, the direct fit's.
    assert.ok(folded.derivativeCoef, 'a derivative path keeps its coefficients on the derivative');
    const worstCoef = Math.max(...Array.from(direct.coef, (v, k) => Math.abs(v - folded.derivativeCoef![k]!)));
    assert.ok(worstCoef <= 1e-6 * Math.max(...Array.from(direct.coef, Math.abs)), `derivativeCoef differs from the direct fit's by ${worstCoef}`);
    const logits = (m: { coef: Float32Array; centre: Float32Array; intercept: Float32Array }, row: ArrayLike<number>) =>
      Array.from(m.intercept, (b, c) => { let s = b; for (let j = 0; j < row.length; j++) s += (row[j]! - m.centre[j]!) * m.coef[j * 3 + c]!; return s; });
    let correct = 0;
    z.forEach((row, i) => {
      const a = logits(folded, row);
      const b = logits(direct, features[i]!);
      const scale = Math.max(1, ...b.map(Math.abs));
      a.forEach((v, c) => assert.ok(Math.abs(v - b[c]!) < 1e-3 * scale, `spectrum ${i} class ${c}: folded ${v} vs direct ${b[c]}`));
      correct += a.indexOf(Math.max(...a)) === labels[i] ? 1 : 0;
    });
    assert.ok(correct >= 85, `the derivative path classifies ${correct} of 90 of an easy set`);
  });
}
