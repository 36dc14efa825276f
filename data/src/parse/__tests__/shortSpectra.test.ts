import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortSpectra } from '../shortSpectra.js';

const axis = (from: number, to: number, n = 50) => Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
const places = (n: number) => Array.from({ length: n }, (_, i) => `f${i + 1}.txt`);

test('shortSpectra: a spectrum covering less than half of the shared range is left out, named with its range', () => {
  const axes = [axis(236, 2106), axis(234, 2109), axis(236, 2106), axis(236, 702), axis(234, 2109)];
  const { dropped, warning } = shortSpectra(axes, places(5), false);
  assert.deepEqual(dropped, [3]);
  assert.match(warning!, /left out 1 spectrum whose axis covers less than half of the range 236\.\.2106 that most spectra share \(truncated files\?\): f4\.txt \(236\.\.702\); strict: true refuses them instead/);
  assert.throws(() => shortSpectra(axes, places(5), true), /^Error: f4\.txt: its axis covers only 236\.\.702, less than half of the range 236\.\.2106 that most spectra share; expected a whole spectrum \(a truncated file\?\)$/);
  // Descending axes count by their range; one far away counts as covering nothing.
  const far = [axis(2106, 236), axis(236, 2106), axis(236, 2106), axis(3000, 5000)];
  assert.deepEqual(shortSpectra(far, places(4), false).dropped, [3]);
});

test('shortSpectra: calibrations that differ a little, half-and-half ranges, and fewer than three spectra keep everything', () => {
  // Two calibrations a few cm-1 apart (as in the saureus folder).
  assert.deepEqual(shortSpectra([axis(236.6, 2109.3), axis(233.7, 2106.4), axis(236.6, 2109.3)], places(3), true).dropped, []);
  // Two instruments, half the spectra each: the axes genuinely differ, nothing is left out.
  const mixed = [axis(400, 1800), axis(400, 1800), axis(600, 3200), axis(600, 3200)];
  assert.deepEqual(shortSpectra(mixed, places(4), true).dropped, []);
  // A majority of short spectra is no outlier either.
  assert.deepEqual(shortSpectra([axis(0, 100), axis(0, 10), axis(50, 60)], places(3), true).dropped, []);
  assert.deepEqual(shortSpectra([axis(0, 100), axis(0, 10)], places(2), true).dropped, []);
  // One axis for all: nothing to decide.
  const shared = axis(0, 1);
  assert.deepEqual(shortSpectra([shared, shared, shared], places(3), true).dropped, []);
});

test('shortSpectra: many short spectra are counted past the first ten named', () => {
  const axes = [...Array.from({ length: 30 }, () => axis(0, 100)), ...Array.from({ length: 12 }, () => axis(0, 20))];
  const { dropped, warning } = shortSpectra(axes, places(42), false);
  assert.equal(dropped.length, 12);
  assert.match(warning!, /left out 12 spectra .*f40\.txt \(0\.\.20\) and 2 more;/);
});
