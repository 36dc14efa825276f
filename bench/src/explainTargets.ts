/**
 * Explanation targets (issue 4), measured on trained models:
 *  - synthetic set: share of correctly classified test spectra whose predicted-class map peaks
 *    within 10 cm-1 of a discriminative ground-truth band, for both alignments;
 *  - meat: per class, share of correctly classified spectra whose top 10 % variables fall within
 *    1730-1750 cm-1, by two definitions (see test/src/support/explainTargets.ts): the top region
 *    holding the map's peak overlaps the range (`peakRegion`), or >= 50 % of the top variables lie
 *    in it (`majority`). The study: 90 % chicken, 78 % turkey and pork.
 *
 *   node --conditions=source --import tsx bench/src/explainTargets.ts [meat-epochs]   (default: the trainer's defaults)
 *
 * The synthetic model trains with SYNTHETIC_TRAIN_OPTIONS (as the quickstart and the test), the
 * meat model with the trainer's defaults. Long (minutes); writes bench/results/explainTargets.json.
 */
import { fileURLToPath } from 'node:url';
import { exportModel } from '@spectracam/exporter';
import { loadModel } from '@spectracam/runtime';
import { loadDataset, SYNTHETIC_TRAIN_OPTIONS, trainRun, writeFileAtomic } from '@spectracam/trainer';
import { peakOnBand, topInRange } from '../../test/src/support/explainTargets.js';
import { partOf, synthModel } from '../../test/src/targets/synthTarget.js';
import { sharedData } from '../../test/src/support/sharedData.js';

const epochs = process.argv[2] === undefined ? undefined : Number(process.argv[2]);

const synth = await synthModel({ seed: 1 });
const synthResult = {
  recipe: SYNTHETIC_TRAIN_OPTIONS,
  spectra: synth.dataset.spectra.length,
  testAccuracy: synth.record.metrics.test.accuracy,
  alignments: await Promise.all(
    (['receptive-field', 'stretch'] as const).map((a) => peakOnBand(synth.model, synth.test.spectra, synth.test.labels, synth.discriminative, a)),
  ),
};
await synth.model.dispose();

const meat = await loadDataset({ data: sharedData.meatCsv });
const { record, model: trained } = await trainRun(meat, { seed: 1, backend: 'auto', ...(epochs === undefined ? {} : { epochs }) });
const meatModel = await loadModel(exportModel(record, trained));
const meatResult = {
  testAccuracy: record.metrics.test.accuracy,
  all: await topInRange(meatModel, meat.spectra, meat.labels, [1730, 1750]),
  test: await topInRange(meatModel, partOf(meat, record, 'test').spectra, partOf(meat, record, 'test').labels, [1730, 1750]),
  stretch: await topInRange(meatModel, meat.spectra, meat.labels, [1730, 1750], 'stretch'),
};
await meatModel.dispose();

const result = { meatEpochs: record.training.epochsRun, synthetic: synthResult, meat: meatResult, study: { chicken: 0.9, turkey: 0.78, pork: 0.78 } };
await writeFileAtomic(fileURLToPath(new URL('../results/explainTargets.json', import.meta.url)), JSON.stringify(result, null, 2));
console.log(`synthetic (test accuracy ${synthResult.testAccuracy}):`);
for (const a of synthResult.alignments) console.log(`  ${a.alignment}: ${a.hits}/${a.correct} correct test spectra peak within 10 cm-1 of a discriminative band (${(100 * a.share).toFixed(1)} %)`);
console.log(`meat (test accuracy ${meatResult.testAccuracy}), share in 1730-1750 cm-1, all spectra:`);
for (const [c, s] of Object.entries(meatResult.all)) console.log(`  ${c}: n=${s.n} peakRegion ${(100 * s.peakRegion).toFixed(0)} %, majority ${(100 * s.majority).toFixed(0)} %`);
