import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peakOnBand, type PeakOnBand } from '@spectracam/study';
import { synthModel } from '../../support/synthModel.js';

// Trains the synthetic set's recipe once (853 spectra, wasm backend, about half a minute here)
// and scores the exported model's explanations against the generator's ground truth. Both tests
// share that one training.
const scored = (async () => {
  const s = await synthModel({ seed: 1 });
  try {
    const on = async (alignment: 'receptive-field' | 'stretch') => peakOnBand(await s.model.explain(s.test.spectra, { alignment }), s.test.labels, s.discriminative);
    const rf = await on('receptive-field');
    const st = await on('stretch');
    return { accuracy: s.record.metrics.test.accuracy, rf, st };
  } finally {
    await s.model.dispose();
  }
})();
// Keep a training failure from surfacing as an unhandled rejection before a test awaits it.
scored.catch(() => {});

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const describeShares = (rf: PeakOnBand, st: PeakOnBand) =>
  `on band (10 cm-1): receptive-field ${rf.hits}/${rf.correct} = ${pct(rf.share)}, stretch ${st.hits}/${st.correct} = ${pct(st.share)}`;

// A regression guard for one fixed seed, not a general claim: over seeds 1-5 the shares vary
// from 27 to 86 % and stretch is ahead on seeds 3 and 5 (bench/results/explainTargets.json).
test('explain: on the synthetic set (seed 1) the model is accurate, most maps peak on a discriminative band, and receptive-field alignment is ahead of stretch', async (t) => {
  const { accuracy, rf, st } = await scored;
  t.diagnostic(`test accuracy ${pct(accuracy)} (${rf.correct}/${rf.tested} correct)`);
  t.diagnostic(describeShares(rf, st));
  assert.ok(rf.correct >= 0.95 * rf.tested, `only ${rf.correct}/${rf.tested} test spectra classified correctly`);
  // A broken CAM (wrong weights, misaligned knots, wrong class) lands near 3 bands out of ~1950 cm-1 by chance only.
  assert.ok(rf.share >= 0.8, `receptive-field: only ${rf.hits}/${rf.correct} correct test spectra peak on a discriminative band`);
  assert.ok(rf.share >= st.share, `receptive-field ${pct(rf.share)} is worse than stretch ${pct(st.share)}`);
});

// The target (>= 95 %) is not met yet: 86 % with the recipe, seed 1 (the misses are
// strain-498 maps peaking between 624 and 652 cm-1), and 27-73 % on seeds 2-5, where stretch is
// sometimes ahead (bench/src/explainTargets.ts, bench/results/explainTargets.json).
// `todo` runs it and prints its failure in every run without failing the suite; remove it once met.
test('explain target: >= 95 % of correct synthetic test spectra peak within 10 cm-1 of a discriminative band', { todo: 'issue 4 target not met yet (86 % on band)' }, async (t) => {
  const { rf, st } = await scored;
  t.diagnostic(describeShares(rf, st));
  assert.ok(rf.share >= 0.95, `receptive-field: only ${rf.hits}/${rf.correct} correct test spectra peak on a discriminative band`);
});
