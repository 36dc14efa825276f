import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeDefaults, stepDefaults } from '../trainOptions.js';

const defaultsFor = (n: number) => stepDefaults(n, sizeDefaults(n).batchSize);

test('epoch limit and patience: the small sets they were measured on keep 300 and 40 epochs', () => {
  for (const n of [16, 54, 84, 95]) assert.deepEqual(defaultsFor(n), { epochs: 300, patience: 40 }, `${n} training spectra`);
});

test('epoch limit and patience: a larger training part gets as many optimiser steps, so fewer epochs', () => {
  const small = defaultsFor(84);
  for (const n of [166, 600, 5000]) {
    const d = defaultsFor(n);
    const steps = Math.ceil(n / sizeDefaults(n).batchSize);
    assert.ok(d.epochs < small.epochs && d.patience < small.patience, `${n} spectra: ${JSON.stringify(d)}`);
    assert.ok(d.epochs * steps >= 1800 && (d.epochs - 1) * steps < 1800, `${n} spectra: ${d.epochs} epochs x ${steps} steps`);
    assert.ok(d.patience >= 10, `${n} spectra: patience ${d.patience} below the floor`);
  }
  assert.deepEqual(defaultsFor(600), { epochs: 95, patience: 13 });
});
