import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peakOnBand, type PeakOnBand } from '@spectracam/study';
import { generateSynthetic } from '@spectracam/data';
import { synthModel } from '../../support/synthModel.js';
import { thresholdSpectra } from '@spectracam/format';

/** Probability that a random unknown scores above a random known one (ties count half). */
function auroc(known: readonly number[], unknown: readonly number[]): number {
  let wins = 0;
  for (const u of unknown) for (const k of known) wins += u > k ? 1 : u === k ? 0.5 : 0;
  return wins / (known.length * unknown.length);
}

// Trains the synthetic set's plain network once (SYNTHETIC_TRAIN_OPTIONS, the web demo's example;
// 853 spectra, wasm backend, about half a minute here) and scores the exported model's explanations
// against the generator's ground truth. The tests share that one training.
const scored = (async () => {
  const s = await synthModel({ seed: 1 });
  try {
    const on = async (alignment: 'receptive-field' | 'stretch') => peakOnBand(await s.model.explain(s.test.spectra, { alignment }), s.test.labels, s.discriminative);
    const rf = await on('receptive-field');
    const st = await on('stretch');
    // The unknown-sample score: the test part (in distribution); a third strain, spectra of another
    // seed with a band at 1450 cm-1 that neither strain has; junk on the data's scale.
    const known = await s.model.predict(s.test.spectra);
    const other = generateSynthetic({ seed: 2, spectra: 60 }).dataset;
    const third = other.spectra.map((row) => Float32Array.from(row, (v, j) => v + 1000 * Math.exp(-0.5 * ((other.axis[j]! - 1450) / 8) ** 2)));
    const unknown = await s.model.predict(third);
    const level = s.test.spectra[0]!.reduce((a, b) => a + b, 0) / s.test.spectra[0]!.length;
    const p = s.test.spectra[0]!.length;
    const junk = await s.model.predict([
      new Float32Array(p).fill(level),
      Float32Array.from({ length: p }, (_, j) => level + 400 * ((Math.abs(Math.sin(j * 12.9898) * 43758.5453) % 1) - 0.5)),
      Float32Array.from({ length: p }, (_, j) => (j === p >> 1 ? 5000 : level)),
      Float32Array.from(s.test.spectra[0]!).reverse(),
    ]);
    const novelty = { known, unknown, junk, threshold: s.model.metadata.novelty! };
    return { accuracy: s.record.metrics.test.accuracy, rf, st, novelty };
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

// Issue 21's targets on the synthetic set: every junk input flagged, at most 3 % of the
// in-distribution test spectra flagged.
test('unknown samples: on the synthetic set junk is flagged unknown and at most 3 % of the test part is', async (t) => {
  const { novelty } = await scored;
  const flagged = novelty.known.filter((r) => r.unknown).length / novelty.known.length;
  t.diagnostic(`test spectra flagged ${pct(flagged)}; threshold ${novelty.threshold.threshold.toPrecision(4)} (${novelty.threshold.thresholdFrom.method}, ${thresholdSpectra(novelty.threshold.thresholdFrom)})`);
  assert.ok(flagged <= 0.03, `${pct(flagged)} of in-distribution test spectra flagged unknown`);
  assert.deepEqual(novelty.junk.map((r) => r.unknown), [true, true, true, true], `junk novelty ${novelty.junk.map((r) => r.novelty).join(', ')}`);
});

// The AUROC target (>= 0.9) for a third strain with a band the two others lack: the GAP
// features encode what separates the training classes, so a new band where no feature looks barely
// moves them (Mahalanobis alone: 0.68); the score's second half, the input's Q residual, sees it.
test('unknown target: a third synthetic strain with a band the others lack scores above the test part, AUROC >= 0.9', async (t) => {
  const { novelty } = await scored;
  const score = (r: { novelty?: number }[]) => r.map((x) => x.novelty!);
  const separation = auroc(score(novelty.known), score(novelty.unknown));
  t.diagnostic(`AUROC ${separation.toFixed(3)}; third strain flagged ${pct(novelty.unknown.filter((r) => r.unknown).length / novelty.unknown.length)}`);
  assert.ok(separation >= 0.9, `AUROC ${separation}`);
});
