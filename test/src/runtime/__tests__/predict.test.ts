import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { resampleLinear } from '@spectracam/cam';
import { AxisGapError, loadModel } from '@spectracam/runtime';
import { testModel } from '../../support/testModel.js';

const p = 80;
const built = await testModel({ p, classes: ['a', 'b', 'c'], seed: 11 });
const axis = built.record.data.axis;

/** Seeded smooth random spectra: a few Gaussian peaks on a slope. */
function spectra(n: number, seed = 1): Float32Array[] {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, () => {
    const peaks = [0, 1, 2].map(() => ({ at: rand() * p, h: rand() }));
    return Float32Array.from({ length: p }, (_, j) => 0.2 + j / p / 4 + peaks.reduce((sum, k) => sum + k.h * Math.exp(-(((j - k.at) / 4) ** 2)), 0));
  });
}

test('predict: probabilities equal the tfjs model within 1e-5', async () => {
  const x = spectra(20);
  const model = await loadModel(built.bytes);
  const out = await model.predict(x);
  const expected = (built.model.predict(tf.tensor3d(x.map((r) => [...r].map((v) => [v])))) as tf.Tensor).arraySync() as number[][];
  assert.equal(out.length, 20);
  out.forEach((o, i) => {
    ['a', 'b', 'c'].forEach((c, k) => assert.ok(Math.abs(o.probabilities[c]! - expected[i]![k]!) < 1e-5, `spectrum ${i} class ${c}`));
    const best = expected[i]!.indexOf(Math.max(...expected[i]!));
    assert.equal(o.predicted, ['a', 'b', 'c'][best]);
    const sum = Object.values(o.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5);
  });
  await model.dispose();
});

test('predict: small batches give the same answers as one batch, in order', async () => {
  const x = spectra(23, 5);
  const one = await loadModel(built.bytes);
  const small = await loadModel(built.bytes, { batchSize: 4 });
  assert.deepEqual(await small.predict(x), await one.predict(x));
  await one.dispose();
  await small.dispose();
});

test('predict: one spectrum equals a one-row matrix', async () => {
  const [x] = spectra(1, 9);
  const model = await loadModel(built.bytes);
  assert.deepEqual(await model.predict(x!), await model.predict([x!]));
  assert.deepEqual(await model.predict(Array.from(x!)), await model.predict([x!]));
  await model.dispose();
});

test('predict: spectra on their own descending axis are resampled onto the model axis', async () => {
  // A denser, descending axis reaching beyond the model's range on both sides.
  const own = Array.from({ length: 3 * p }, (_, i) => axis[p - 1]! + 3 - (i * (axis[p - 1]! - axis[0]! + 6)) / (3 * p - 1));
  const shape = (x: number, k: number) => Math.exp(-(((x - axis[10 * k]!) / 6) ** 2)) + 0.3 * Math.exp(-(((x - axis[70]!) / 9) ** 2));
  const onOwn = [1, 3, 5].map((k) => own.map((x) => shape(x, k)));
  const model = await loadModel(built.bytes);
  const direct = await model.predict(onOwn.map((r) => resampleLinear(own, r, axis)));
  const viaAxis = await model.predict(onOwn, { axis: own });
  viaAxis.forEach((o, i) => assert.ok(Math.abs(o.logits.a! - direct[i]!.logits.a!) < 1e-5));
  const shifted = own.map((v) => v + 100);
  await assert.rejects(model.predict(onOwn, { axis: shifted }), (e: Error) => {
    // Both ranges, so a user sees what the data lacks.
    assert.match(e.message, /spectrum 0 cannot be resampled onto the model's axis/);
    assert.ok(e.message.includes(`covers ${Math.min(...shifted)}..${Math.max(...shifted)}`), e.message);
    assert.ok(e.message.includes(`the model's axis ${axis[0]}..${axis[p - 1]}`), e.message);
    return true;
  });
  await assert.rejects(model.predict(onOwn, { axis: shifted, names: ['first.spc', 'b', 'c'] }), /^RangeError: spectrum 0 \(first\.spc\) cannot be resampled/);
  await assert.rejects(model.predict(onOwn, { axis: own.map((v) => v + 1e6) }), (e: Error) => !(e instanceof AxisGapError) && e instanceof RangeError, 'no allowance helps a spectrum off the axis');
  await model.dispose();
});

test('predict: extendEnds holds the end values of a spectrum that stops short of the model axis, up to the distance given', async () => {
  // The model's axis shortened by 3 variables at the low end and 2 at the high end, as another instrument's range.
  const step = axis[1]! - axis[0]!;
  const short = Array.from(axis.slice(3, p - 2));
  const x = short.map((v) => 1 + Math.exp(-(((v - axis[40]!) / 6) ** 2)));
  const model = await loadModel(built.bytes);
  let offered = Number.NaN;
  await assert.rejects(model.predict([x], { axis: short }), (e: Error) => {
    assert.match(e.message, new RegExp(`\\(${Number((3 * step).toPrecision(4))} missing below, ${Number((2 * step).toPrecision(4))} above\\)`));
    offered = Number(/extendEnds \(--extend-ends\) of at least ([\d.]+)/.exec(e.message)?.[1]);
    // The figure a user copies is rounded up, so it suffices; front ends read the exact gap from the error.
    assert.ok(offered >= 3 * step && offered - 3 * step < 1e-3 * 3 * step, `offered ${offered}, gap ${3 * step}`);
    assert.ok(e instanceof AxisGapError && e.extendEnds === offered, 'the allowance travels with the error');
    return true;
  });
  await model.predict([x], { axis: short, extendEnds: offered });
  await assert.rejects(model.predict([x], { axis: short, extendEnds: 2.5 * step }), /missing below/, 'a gap wider than the allowance is still refused');
  const held = Float64Array.from(axis, (v, j) => (j < 3 ? x[0]! : j >= p - 2 ? x[x.length - 1]! : x[j - 3]!));
  const [extended] = await model.predict([x], { axis: short, extendEnds: 3 * step });
  const [direct] = await model.predict([held]);
  assert.ok(Math.abs(extended!.logits.a! - direct!.logits.a!) < 1e-5, 'the same as the spectrum with its end values repeated');
  await model.dispose();
});

test('predict: NaN, wrong length and empty input are refused naming the spectrum', async () => {
  const x = spectra(3, 2);
  const model = await loadModel(built.bytes);
  const withNaN = x.map((r) => Float32Array.from(r));
  withNaN[2]![5] = NaN;
  await assert.rejects(model.predict(withNaN), /spectrum 2 has NaN at variable 5/);
  await assert.rejects(model.predict([x[0]!, x[1]!.subarray(1)]), /spectrum 1 has 79 values; expected 80/);
  await assert.rejects(model.predict([x[0]!, [1, 2, Infinity]]), /spectrum 1 has 3 values/);
  await assert.rejects(model.predict([]), /'spectra' is empty/);
  // Plain arrays: anything but a finite number is refused (a typed array's copy would turn null
  // into 0); Float64 values beyond float32's range would reach the model as infinities.
  const plain = x.map((r) => Array.from(r) as unknown[]);
  plain[1]![7] = null;
  await assert.rejects(model.predict(plain as number[][]), /spectrum 1 has null at variable 7: expected finite numbers/);
  const huge = x.map((r) => Float64Array.from(r));
  huge[0]![3] = 1e39;
  await assert.rejects(model.predict(huge), /spectrum 0 has 1e\+39 at variable 3: beyond float32's range/);
  // Through resampling, the error names the model's variable and its axis position.
  await assert.rejects(
    model.predict(huge, { axis: Array.from(model.axis) }),
    new RegExp(`spectrum 0, resampled onto the model's axis, has 1e\\+39 at variable 3 \\(axis ${model.axis[3]}\\): beyond float32's range`),
  );
  huge[0]![3] = -Infinity;
  await assert.rejects(model.predict(huge), /spectrum 0 has -Infinity at variable 3: expected finite numbers/);
  await model.dispose();
});
