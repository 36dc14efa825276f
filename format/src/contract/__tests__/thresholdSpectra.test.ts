import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdSpectra } from '../contract.js';

test('thresholdSpectra names the spectra a threshold is a quantile of: validation, validation with the training part out of fold, or reference', () => {
  assert.equal(thresholdSpectra({ part: 'validation', spectra: 12 }), '12 validation spectra');
  assert.equal(thresholdSpectra({ part: 'validation', spectra: 224, crossValidated: 166 }), '58 validation spectra and 166 training spectra out of fold');
  const reference = { source: 'qc.csv', sha256: 'ab', calibratedAt: '2026-12-07T10:00:00Z', replaced: { threshold: 1, quantile: 0.99, part: 'validation' as const, spectra: 224, crossValidated: 166 } };
  assert.equal(thresholdSpectra({ part: 'reference', spectra: 40, reference }), '40 reference spectra (qc.csv)');
  // What a calibrated file replaced, in the same words.
  assert.equal(thresholdSpectra(reference.replaced), '58 validation spectra and 166 training spectra out of fold');
});
