import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvaluationResults, PartitionResult } from '../../evaluate/evaluationResults.js';
import { buildReport, REPORT_FIGURES } from '../buildReport.js';
import { escapeHtml } from '../escapeHtml.js';

const EVIL = '<img src=x onerror=alert(1)>';
const p = 40;
const axis = Array.from({ length: p }, (_, i) => 1700 + 2 * i);
const classes = [EVIL, 'pork'];
const bump = (centre: number) => axis.map((x) => Math.exp(-(((x - centre) / 6) ** 2)));

function partition(index: number): PartitionResult {
  const classMaps = Object.fromEntries(classes.map((c, k) => [c, { n: 5, mean: bump(1740 + 10 * k + index), std: axis.map(() => 0.1), frequency: bump(1740 + 10 * k), spectrum: bump(1720) }]));
  return {
    index,
    base: index === 0,
    splitSeed: index,
    protocol: 'group-aware',
    ids: { train: ['a', 'b'], validation: ['c'], test: [`<b>id${index}</b>`] },
    cnn: {
      runs: [{ repeat: 0, seed: 0, dir: 'runs/p0-r0', accuracy: { train: 1, validation: 1, test: 0.5 }, epochsRun: 3, seconds: 1 }],
      mean: { train: 1, validation: 1, test: 0.5 },
      std: { train: 0, validation: 0, test: 0 },
      classMaps,
    },
    plsLda: { components: 2, accuracy: { train: 1, validation: 1, test: 1 }, scores: [], vip: bump(1745).map((v) => 2 * v + 0.2) },
  };
}

function results(): EvaluationResults {
  const gap = Array.from({ length: 64 }, (_, i) => (i % 3) / 10);
  const weights = classes.map((_, c) => gap.map((_, i) => Math.sin(i + c)));
  const maps = (filters: number, length: number) => Array.from({ length: filters }, (_, f) => Array.from({ length }, (_, x) => (f % 4 === 0 ? 0 : Math.abs(Math.sin(f + x)))));
  return {
    format: 'spectracam-evaluation',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { source: `data/${EVIL}.csv`, spectra: 10, variables: p, unit: 'cm-1', axis, classes, classCounts: { [EVIL]: 5, pork: 5 }, groups: true },
    settings: { partitions: 1, repeats: 1, protocol: 'group-aware', ratios: [0.7, 0.1, 0.2], baseline: 'pls-lda', fraction: 0.1, train: {}, backend: 'cpu' },
    partitions: [partition(0), partition(1)],
    summary: {
      cnn: { train: { mean: 1, std: 0, n: 2 }, validation: { mean: 1, std: 0, n: 2 }, test: { mean: 0.5, std: 0, n: 2 } },
      plsLda: { train: { mean: 1, std: 0, n: 2 }, validation: { mean: 1, std: 0, n: 2 }, test: { mean: 1, std: 0, n: 2 }, components: [2, 2] },
      camStability: { [EVIL]: 0.9, pork: 0.8 },
      vipStability: 1,
    },
    misclassified: [{ partition: 0, repeat: 0, id: `<b>id0</b>`, trueLabel: EVIL, predicted: 'pork', map: bump(1760), spectrum: bump(1720) }],
    inside: {
      partition: 0,
      repeat: 0,
      featureMaps: Object.fromEntries(classes.map((c) => [c, { conv1: maps(16, 20), conv2: maps(32, 10), conv3: maps(64, 5) }])),
      deadShare: { conv1: 0.25, conv2: 0.25, conv3: 0.25 },
      weights,
      bias: [0.1, -0.1],
      decision: { id: '<b>id0</b>', trueLabel: EVIL, predicted: EVIL, gap, sums: [1, -1] },
      kernels: [{ filter: 0, kernel: [1, 2, 3], match: { window: 3, order: 1, derivative: 1, coefficients: [-0.5, 0, 0.5], cosine: 0.6 } }],
    },
    seconds: 3,
  };
}

test('escapeHtml: turns markup into text', () => {
  assert.equal(escapeHtml(EVIL), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(escapeHtml(`"a" & 'b'`), '&quot;a&quot; &amp; &#39;b&#39;');
});

test('report: a class named <img src=x onerror=alert(1)> and ids with markup show as text, never as elements', async () => {
  const html = await buildReport(results());
  // The only images are the report's own heat maps: PNG data URLs with escaped alt texts.
  for (const tag of html.match(/<img[^>]*>/g) ?? []) {
    assert.match(tag, /^<img alt="[^"<>]*" src="data:image\/png;base64,[A-Za-z0-9+/=]+" width="\d+" height="\d+" style="image-rendering:pixelated">$/, tag.slice(0, 120));
  }
  assert.ok(!/<img src=x/.test(html) && !/onerror=alert\(1\)>/.test(html), 'the class name never becomes an element');
  assert.ok(!/<b>id/.test(html), 'sample ids are escaped');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the class name is shown as text');
});

test('report: every figure is present, self-contained (inline SVG, no scripts, no external references)', async () => {
  const html = await buildReport(results());
  for (const id of REPORT_FIGURES) assert.match(html, new RegExp(`<section class="figure" id="${id}">`), id);
  assert.ok((html.match(/<svg/g) ?? []).length >= 10);
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /(src|href)="https?:/);
  assert.match(html, /group-aware/, 'each figure states the split protocol');
  assert.match(html, /1740 C=O/, 'the 1740 cm-1 band is named where the top variables sit');
});

/** The x-axis labels (position, value) of a figure's first chart, left to right. */
function xLabels(html: string, id: string): { x: number; value: number }[] {
  const section = html.slice(html.indexOf(`id="${id}"`));
  const group = /role-axis-label"[^>]*>(.*?)<\/g>/s.exec(section)![1]!;
  return [...group.matchAll(/translate\(([-\d.]+),[-\d.]+\)"[^>]*>([\d,.]+)</g)].map((m) => ({ x: Number(m[1]), value: Number(m[2]!.replace(/,/g, '')) })).sort((a, b) => a.x - b.x);
}

test('report: an infrared axis (cm-1 from 1700) runs from high to low wavenumbers in every spectrum figure; a Raman axis runs up', async () => {
  const ir = await buildReport(results());
  for (const id of ['fig2-class-patterns', 'fig3-top-frequency', 'fig4-vip', 'fig8-stability', 'fig9-misclassified']) {
    const labels = xLabels(ir, id);
    assert.ok(labels.length >= 3, `${id}: ${JSON.stringify(labels)}`);
    for (let i = 1; i < labels.length; i++) assert.ok(labels[i]!.value < labels[i - 1]!.value, `${id}: ${JSON.stringify(labels)}`);
  }
  const raman = results();
  raman.data.axis = axis.map((_, i) => 200 + 20 * i);
  const labels = xLabels(await buildReport(raman), 'fig4-vip');
  for (let i = 1; i < labels.length; i++) assert.ok(labels[i]!.value > labels[i - 1]!.value, JSON.stringify(labels));
});

test('report: with a linear path, Fig 6 stacks its logit with the filters\' products, the class sums include it, and 192 filters get a readable axis', async () => {
  const r = results();
  const k = 192;
  const gap = Array.from({ length: k }, (_, i) => (i % 5) / 10);
  const weights = classes.map(() => gap.map(() => 0));
  // The network's own part silent (classifier weights 0), as on meat: the path alone decides.
  const path = [40.5, -12.25];
  const conv3 = Array.from({ length: k }, (_, f) => Array.from({ length: 5 }, (_, x) => Math.abs(Math.sin(f + x))));
  const featureMaps = Object.fromEntries(Object.entries(r.inside!.featureMaps).map(([c, m]) => [c, { ...m, conv3 }]));
  // The caption prints the sums it is given (here deliberately without the path); the chart computes its own.
  r.inside = { ...r.inside!, featureMaps, weights, bias: [1, 0], decision: { ...r.inside!.decision, gap, sums: [1, 0], path } };
  const html = await buildReport(r);
  const section = html.slice(html.indexOf('id="fig6-decision"'), html.indexOf('id="fig7-'));
  assert.match(section, /orange: linear path/, 'the stacked bars name the path');
  assert.match(section, /\+ L_c, the linear path/, 'the caption says the sums include the path');
  const charts = section.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  assert.ok(charts.some((svg) => /<text[^>]*>41\.50<\/text>/.test(svg)), 'the chart\'s class sum is bias + path logit (41.50), not the bias alone');
  assert.ok(charts.some((svg) => /<text[^>]*>[−-]12\.25<\/text>/.test(svg)), 'and for the other class the path logit alone');
  // The filter axis of the GAP and weight panels: about 16 labels for 192 filters, not one per filter.
  const labels = [...section.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/gs)].map((m) => (m[1]!.match(/<text/g) ?? []).length);
  assert.ok(labels.some((n) => n >= 10 && n <= 20), `filter axis labels per axis: ${labels.join(', ')}`);
  assert.ok(labels.every((n) => n <= 40), `no axis labels every filter: ${labels.join(', ')}`);
});

test('report: with a linear path the accuracy table says its validation column is not held out for the path; without one it does not', async () => {
  const withPath = await buildReport(results());
  assert.match(withPath, /linear path \(PLS-LDA\) is chosen by cross-validation over train \+ validation/);
  const r = results();
  const plain = await buildReport({ ...r, settings: { ...r.settings, train: { linearReadout: false } } });
  assert.doesNotMatch(plain, /not held out for it/);
});
