import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peakOnBand } from '../peakOnBand.js';
import type { ExplainedSpectrum } from '../explainedSpectrum.js';

const at = (peak: number, predicted = 'a'): ExplainedSpectrum => ({ predicted, maps: [{ peak }] }) as unknown as ExplainedSpectrum;

test('peakOnBand: a band is a position (peak within the tolerance of it) or a region (peak within the tolerance of its ends); wrong predictions are left out', () => {
  const explained = [at(624), at(635), at(645), at(700), at(630, 'b')];
  const labels = ['a', 'a', 'a', 'a', 'a'];
  // Positions 624 and 652: 624 and 645 hit (0 and 7 away), 635 is 11 and 17 away, 700 far; the last is wrong.
  assert.deepEqual(peakOnBand(explained, labels, [624, 652], 10), { tested: 5, correct: 4, hits: 2, share: 0.5 });
  // Their regions 618-630 and 646-658: 635 is 5 past the first, 645 1 before the second; 700 still misses.
  const regions = [{ start: 618, end: 630 }, { start: 658, end: 646 }];
  assert.deepEqual(peakOnBand(explained, labels, regions, 10), { tested: 5, correct: 4, hits: 3, share: 0.75 });
  assert.deepEqual(peakOnBand(explained, labels, regions, 0), { tested: 5, correct: 4, hits: 1, share: 0.25 });
});
