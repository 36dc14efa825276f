import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as cam from '../index.js';

// A change to the public API shows up here and in review; update exports.json on purpose.
test('@spectracam/cam: the public exports are the committed list', () => {
  const expected = JSON.parse(readFileSync(new URL('./exports.json', import.meta.url), 'utf8')) as string[];
  assert.deepEqual(Object.keys(cam).sort(), expected);
});
