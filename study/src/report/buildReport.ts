import { classPatternChart, spectrumCamChart, topFrequencyChart } from '@spectracam/cam';
import type { EvaluationResults } from '../evaluate/evaluationResults.js';
import { escapeHtml } from './escapeHtml.js';
import { renderSvg } from './renderSvg.js';
import { bandNotes } from './bandNotes.js';
import { vipSpec } from './specs/vipSpec.js';
import { partitionAccuracySpec } from './specs/partitionAccuracySpec.js';
import { stabilitySpec } from './specs/stabilitySpec.js';
import { heatmapPng } from './heatmapPng.js';
import { looksRaman } from '@spectracam/data';
import { decisionSpec, gapWeightsSpec } from './specs/decisionSpec.js';
import { kernelSpec } from './specs/kernelSpec.js';

/** Figure ids in report order; tests check every one is present. */
export const REPORT_FIGURES = [
  'fig1-accuracy',
  'fig2-class-patterns',
  'fig3-top-frequency',
  'fig4-vip',
  'fig5-feature-maps',
  'fig6-decision',
  'fig7-partitions',
  'fig8-stability',
  'fig9-misclassified',
  'fig10-conv1-kernels',
] as const;

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)} %` : 'n/a');
const pm = (m: { mean: number; std: number; n?: number }) => (m.n === 1 ? pct(m.mean) : `${pct(m.mean)} &plusmn; ${Number.isFinite(m.std) ? (100 * m.std).toFixed(2) : 'n/a'} %`);

/** A self-contained HTML report (inline SVG, no scripts, no network) of an evaluation's results. */
export async function buildReport(results: EvaluationResults): Promise<string> {
  const { data, settings, partitions, summary } = results;
  const base = partitions[0]!;
  const axis = data.axis;
  // Infrared spectra are read from high to low wavenumber; Raman shifts from low to high.
  const decreasing = data.unit === 'cm-1' && !looksRaman({ axis: Float64Array.from(axis), unit: data.unit });
  const counts = data.classes.map((c) => `${escapeHtml(c)} ${data.classCounts[c]}`).join(', ');
  const dataLine = `Data: ${escapeHtml(data.source)} (${data.spectra} spectra, ${data.variables} variables, ${data.classes.length} classes: ${counts}).`;
  const splitLine = `Split: ${escapeHtml(settings.protocol)}${settings.protocol === 'random' && data.groups ? '' : ''}, ratios ${settings.ratios.join(':')}; base partition (seed 0) + ${settings.partitions} random partitions; CNN trained ${settings.repeats}x per partition; base partition parts: ${base.ids.train.length} train / ${base.ids.validation.length} validation / ${base.ids.test.length} test.`;
  const figure = async (id: string, heading: string, specs: Record<string, unknown>[], caption: string, extra = '') => {
    const svgs: string[] = [];
    for (const spec of specs) svgs.push(await renderSvg(spec));
    return `<section class="figure" id="${id}"><h2>${escapeHtml(heading)}</h2>${svgs.map((s) => `<div class="chart">${s}</div>`).join('')}${extra}<p class="caption">${caption}</p></section>`;
  };
  const sections: string[] = [];

  // 1. Accuracy table (study Table 2).
  const rows = [
    `<tr><td>CNN, ${summary.cnn.test.n} run${summary.cnn.test.n === 1 ? '' : 's'}</td><td>${pm(summary.cnn.train)}</td><td>${pm(summary.cnn.validation)}</td><td>${pm(summary.cnn.test)}</td><td></td></tr>`,
    ...(summary.nearestNeighbour ? [`<tr><td>1-NN (Euclidean), ${summary.nearestNeighbour.test.n} partition${summary.nearestNeighbour.test.n === 1 ? '' : 's'}</td><td>${pm(summary.nearestNeighbour.train)}</td><td>${pm(summary.nearestNeighbour.validation)}</td><td>${pm(summary.nearestNeighbour.test)}</td><td></td></tr>`] : []),
    ...(summary.plsLda ? [`<tr><td>PLS-LDA, ${summary.plsLda.test.n} partition${summary.plsLda.test.n === 1 ? '' : 's'}</td><td>${pm(summary.plsLda.train)}</td><td>${pm(summary.plsLda.validation)}</td><td>${pm(summary.plsLda.test)}</td><td>LVs ${summary.plsLda.components.join(', ')}</td></tr>`] : []),
  ];
  const perPartition = partitions
    .map((p) => `<tr><td>${p.base ? 'base (0)' : p.index}</td><td>${pm({ mean: p.cnn.mean.train, std: p.cnn.std.train, n: p.cnn.runs.length })}</td><td>${pm({ mean: p.cnn.mean.validation, std: p.cnn.std.validation, n: p.cnn.runs.length })}</td><td>${pm({ mean: p.cnn.mean.test, std: p.cnn.std.test, n: p.cnn.runs.length })}</td><td>${p.plsLda ? `${pct(p.plsLda.accuracy.train)} / ${pct(p.plsLda.accuracy.validation)} / ${pct(p.plsLda.accuracy.test)} (${p.plsLda.components} LVs)` : ''}</td></tr>`)
    .join('');
  sections.push(
    `<section class="figure" id="fig1-accuracy"><h2>1. Accuracy (as the study's Table 2)</h2><table><tr><th>model</th><th>train</th><th>validation</th><th>test</th><th></th></tr>${rows.join('')}</table>${settings.train.linearReadout === false ? '' : '<p class="caption">The CNN\'s linear path (PLS-LDA) is chosen by cross-validation over train + validation and refitted on both parts: the CNN\'s validation column is not held out for it. Where no path candidate beat chance held out, the path is left out and the networks fit both parts (run.json <code>training.fittedOn</code>): that column is then not held out at all.</p>'}<h3>Per partition (CNN mean &plusmn; std over repeats; PLS-LDA train / validation / test)</h3><table><tr><th>partition</th><th>CNN train</th><th>CNN validation</th><th>CNN test</th><th>PLS-LDA</th></tr>${perPartition}</table>${confusionTables(results)}${base.warning ? `<p class="warning">${escapeHtml(base.warning)}</p>` : ''}</section>`,
  );

  // 2, 3: class patterns and top-variable frequency (cam's chart specs), base partition.
  const withMaps = data.classes.filter((c) => base.cnn.classMaps[c]!.n > 0);
  const notes = bandNotes(results);
  const notesHtml = `<ul class="bands">${notes
    .map(
      (n) =>
        `<li><b>${escapeHtml(n.className)}</b>: top regions ${n.regions.map((r) => `${r.start.toFixed(0)}-${r.end.toFixed(0)} (peak ${r.peak.toFixed(0)}${r.band ? `, ${escapeHtml(r.band)}` : ''})`).join('; ') || 'none'}. ${n.bands
          .filter((b) => b.share > 0 || b.position === 1740)
          .map((b) => `${b.position} ${escapeHtml(b.name)}: ${pct(b.share)}`)
          .join('; ')}</li>`,
    )
    .join('')}</ul><p>Band shares: the highest share of correctly classified test spectra with a top-${Math.round(100 * settings.fraction)} % variable within &plusmn;10 ${escapeHtml(data.unit)} of the band.</p>`;
  sections.push(
    await figure(
      'fig2-class-patterns',
      '2. Class patterns: mean spectrum and mean scaled CAM ± std (Figs 2, 4)',
      withMaps.map((c) => classPatternChart({ axis, unit: data.unit, decreasing, title: `${c} (n = ${base.cnn.classMaps[c]!.n} correctly classified test spectra x repeats)`, meanSpectrum: base.cnn.classMaps[c]!.spectrum, meanMap: base.cnn.classMaps[c]!.mean, stdMap: base.cnn.classMaps[c]!.std, height: 160 })),
      `Red: mean scaled CAM of correctly classified test spectra, pooled over the ${settings.repeats} CNNs of the base partition; shaded: &plusmn; std; blue: mean raw test spectrum.`,
      notesHtml,
    ),
  );
  const frequency: Record<string, number[]> = {};
  for (const c of withMaps) frequency[c] = base.cnn.classMaps[c]!.frequency;
  sections.push(await figure('fig3-top-frequency', `3. Share of spectra with each variable in the top ${Math.round(100 * settings.fraction)} % (Figs 3, 5)`, withMaps.length ? [topFrequencyChart({ axis, unit: data.unit, decreasing, frequency, fraction: settings.fraction, title: 'top-variable frequency per class' })] : [], 'Correctly classified test spectra of the base partition, pooled over repeats.'));

  // 4. VIP.
  const vips = partitions.filter((p) => p.plsLda).map((p) => ({ partition: p.base ? 'base' : `p${p.index}`, vip: p.plsLda!.vip }));
  sections.push(await figure('fig4-vip', '4. PLS-LDA variable importance in projection (Fig 6)', vips.length ? [vipSpec(axis, { unit: data.unit, decreasing }, vips, 'VIP per partition; dashed: 1 (relevant) and 0.5')] : [], vips.length ? `Latent variables per partition: ${partitions.map((p) => p.plsLda?.components ?? '-').join(', ')}.` : 'PLS-LDA was not run (--baseline none).'));

  // 5, 6, 10 from one network.
  const inside = results.inside;
  if (inside) {
    // Heat maps as images: as SVG every cell is a path, tens of megabytes for one figure.
    const images: string[] = [];
    for (const [ci, c] of data.classes.entries()) {
      const maps = inside.featureMaps[c];
      if (!maps) continue;
      const order = inside.weights[ci]!.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
      for (const [layer, m, o, title] of [
        ['conv1', maps.conv1, undefined, `${c}: Conv1`],
        ['conv2', maps.conv2, undefined, `${c}: Conv2`],
        ['conv3', maps.conv3, order, `${c}: Conv3, sorted by weight for ${c} (top row = largest)`],
      ] as const) {
        images.push(`<figure class="heatmap"><img alt="${escapeHtml(title)}" src="${heatmapPng(m, o)}" width="300" height="${Math.min(260, 4 * m.length + 4)}" style="image-rendering:pixelated"><figcaption>${escapeHtml(title)} (${layer}: rows = filters, columns = positions; viridis over the layer's range)</figcaption></figure>`);
      }
    }
    const dead = inside.deadShare;
    sections.push(await figure('fig5-feature-maps', '5. Feature maps for each class mean spectrum (Fig 7)', [], `Model of partition ${inside.partition}, run ${inside.repeat}; inputs: the mean preprocessed training spectrum of each class. Dead (all-zero) maps: Conv1 ${pct(dead.conv1)}, Conv2 ${pct(dead.conv2)}, Conv3 ${pct(dead.conv3)}.`, `<div class="heatmaps">${images.join('')}</div>`));
    const d = inside.decision;
    sections.push(
      await figure(
        'fig6-decision',
        '6. The decision for one spectrum (Fig 8)',
        [decisionSpec(data.classes, d.gap, inside.weights, inside.bias, `spectrum ${d.id}: true ${d.trueLabel}, predicted ${d.predicted}`, d.path), gapWeightsSpec(data.classes, d.gap, inside.weights, 'GAP outputs and class weights')],
        `Class sums S_c = sum_i F_i w_i^c + b_c${d.path ? ' + L_c, the linear path\'s logit (PLS-LDA on the preprocessed input, orange; its share of the decision is not in the GAP outputs F_i)' : ''}: ${data.classes.map((c, i) => `${escapeHtml(c)} ${d.sums[i]!.toFixed(2)}`).join(', ')}. Spectrum ${escapeHtml(d.id)} (true ${escapeHtml(d.trueLabel)}, predicted ${escapeHtml(d.predicted)}), model of partition ${inside.partition}, run ${inside.repeat}.`,
      ),
    );
  } else {
    sections.push(`<section class="figure" id="fig5-feature-maps"><h2>5. Feature maps</h2><p>No model was analysed.</p></section>`, `<section class="figure" id="fig6-decision"><h2>6. Decision</h2><p>No model was analysed.</p></section>`);
  }

  // 7. Accuracy per partition.
  sections.push(await figure('fig7-partitions', '7. Test accuracy per partition (Fig 9)', [partitionAccuracySpec(partitions.map((p) => ({ partition: p.base ? 'base' : `p${p.index}`, cnnMean: p.cnn.mean.test, cnnStd: p.cnn.std.test, ...(p.plsLda ? { plsLda: p.plsLda.accuracy.test } : {}) })), 'CNN (mean ± std over repeats) and PLS-LDA')], 'Test part of each partition.'));

  // 8. Stability.
  const stability: Record<string, unknown>[] = [];
  for (const c of withMaps) {
    const curves = partitions.filter((p) => p.cnn.classMaps[c]!.mean.length).map((p) => ({ partition: p.base ? 'base' : `p${p.index}`, values: p.cnn.classMaps[c]!.mean }));
    stability.push(stabilitySpec(axis, { unit: data.unit, decreasing }, curves, 'mean scaled CAM', `${c}: class-mean CAM per partition, mean pairwise r = ${summary.camStability[c]?.toFixed(3)}`));
  }
  if (vips.length) stability.push(stabilitySpec(axis, { unit: data.unit, decreasing }, vips.map((v) => ({ partition: v.partition, values: v.vip })), 'VIP', `PLS-LDA VIP per partition, mean pairwise r = ${summary.vipStability?.toFixed(3)}`));
  const stable = partitions.length >= 2;
  sections.push(await figure('fig8-stability', '8. Stability over partitions (Fig 10)', stable ? stability : [], stable ? 'Mean pairwise Pearson correlation between the partitions\' curves.' : 'Stability compares partitions: it needs at least two (evaluate --partitions 1 or more).'));

  // 9. Misclassified.
  const shown = results.misclassified.slice(0, 6);
  sections.push(
    await figure(
      'fig9-misclassified',
      '9. Misclassified test spectra with their maps (Fig A3)',
      shown.map((m) => spectrumCamChart({ axis, unit: data.unit, decreasing, spectrum: m.spectrum, map: m.map, title: `${m.id}: true ${m.trueLabel}, predicted ${m.predicted} (partition ${m.partition}, run ${m.repeat})`, height: 140 })),
      shown.length ? `${results.misclassified.length} misclassified test spectra kept (first ${shown.length} shown); map of the predicted class.` : `No misclassified test spectra in ${summary.cnn.test.n} CNN runs.`,
    ),
  );

  // 10. Conv1 kernels vs Savitzky-Golay.
  if (inside) {
    const mean = inside.kernels.reduce((s, k) => s + k.match.cosine, 0) / inside.kernels.length;
    sections.push(await figure('fig10-conv1-kernels', '10. Conv1 kernels and the closest Savitzky-Golay kernel (Fig A4)', [kernelSpec(inside.kernels, 'Conv1 kernels (black) and closest SG kernel (orange), unit norm')], `Mean |cosine similarity| ${mean.toFixed(3)} over ${inside.kernels.length} filters; SG kernels of every odd window up to the kernel length, order below the window, derivative 0-2. Model of partition ${inside.partition}, run ${inside.repeat}.`));
  } else {
    sections.push(`<section class="figure" id="fig10-conv1-kernels"><h2>10. Conv1 kernels</h2><p>No model was analysed.</p></section>`);
  }

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SpectraCAM evaluation: ${escapeHtml(data.source)}</title><style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}.caption{color:#555;font-size:0.9em}.warning{color:#a40}.chart{display:inline-block;vertical-align:top}.heatmap{display:inline-block;margin:4px;vertical-align:top;font-size:0.8em;max-width:300px}section{margin-bottom:2.5em}</style></head><body><h1>SpectraCAM evaluation</h1><p>${dataLine} ${splitLine} Created ${escapeHtml(results.createdAt)}; ${results.seconds.toFixed(0)} s.</p>${sections.join('\n')}</body></html>\n`;
}

/** Confusion matrices and recall per class of the CNN and PLS-LDA on the test parts, pooled. */
function confusionTables(results: EvaluationResults): string {
  const classes = results.data.classes;
  const table = (name: string, c: NonNullable<NonNullable<EvaluationResults['summary']['testConfusion']>['cnn']>) =>
    `<h3>${escapeHtml(name)}: test parts pooled (rows: true class, columns: predicted); balanced accuracy ${pct(c.balancedAccuracy)}</h3><table><tr><th></th>${classes.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}<th>recall</th></tr>${c.confusion
      .map((row, i) => `<tr><td>${escapeHtml(classes[i]!)}</td>${row.map((v) => `<td>${v}</td>`).join('')}<td>${pct(c.recall[i]!)}</td></tr>`)
      .join('')}</table>`;
  const t = results.summary.testConfusion;
  return t ? `${t.cnn ? table('CNN', t.cnn) : ''}${t.plsLda ? table('PLS-LDA', t.plsLda) : ''}` : '';
}
