import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFiles } from '../packageGraph.js';

test('architecture: no library or application file passes 300 lines (tests aside)', () => {
  const long = sourceFiles()
    .filter((f) => !f.isTest)
    .map((f) => ({ path: f.path, lines: f.text.split('\n').length }))
    .filter((f) => f.lines > 300)
    .map((f) => `${f.path}: ${f.lines} lines`);
  assert.deepEqual(long, []);
});
