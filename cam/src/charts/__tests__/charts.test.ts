import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spectrumCamChart } from '../spectrumCamChart.js';
import { classPatternChart } from '../classPatternChart.js';
import { topFrequencyChart } from '../topFrequencyChart.js';
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from '../chartSpec.js';
import { annotateRegions } from '../../bands/annotateRegions.js';
import { bandTables } from '../../bands/bandTables.js';
import { topRegions } from '../../top/topRegions.js';

const axis = Array.from({ length: 120 }, (_, i) => 600 + i);
const spectrum = axis.map((x) => 1 + Math.exp(-(((x - 624) / 4) ** 2)));
const map = axis.map((x) => Math.exp(-(((x - 626) / 6) ** 2)));
const regions = annotateRegions(topRegions(map, axis, 0.1), bandTables.raman);

// vega-lite is the trainer's dependency, not cam's: used here only to check the specs compile.
async function compileOrSkip(t: { skip(reason: string): void }, spec: VegaLiteSpec): Promise<unknown | undefined> {
  let vl: { compile(spec: unknown): { spec: unknown } };
  try {
    vl = (await import('vega-lite')) as unknown as typeof vl;
  } catch {
    t.skip('vega-lite is not installed; spec compilation not checked');
    return undefined;
  }
  return vl.compile(spec).spec;
}

test('spectrumCamChart: a valid Vega-Lite spec with the spectrum, the map and named regions', async (t) => {
  for (const overlay of ['curve', 'band'] as const) {
    const spec = spectrumCamChart({ axis, spectrum, map, regions, unit: 'cm-1', title: 'E. coli 498', overlay });
    assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
    const layers = spec.layer as { data: { values: Record<string, unknown>[] } }[];
    assert.equal(layers[0]!.data.values.length, axis.length);
    const labels = layers[3]!.data.values.map((v) => v.label);
    assert.ok(labels.includes('aromatic ring'), JSON.stringify(labels));
    const compiled = await compileOrSkip(t, spec);
    if (compiled) assert.equal(typeof compiled, 'object');
  }
});

test('classPatternChart: the std band stays within [0, 1] and the spec compiles', async (t) => {
  const meanMap = map;
  const stdMap = axis.map(() => 0.3);
  const spec = classPatternChart({ axis, meanSpectrum: spectrum, meanMap, stdMap, unit: 'cm-1' });
  const values = (spec.data as { values: { low: number; high: number }[] }).values;
  assert.ok(values.every((v) => v.low >= 0 && v.high <= 1 && v.low <= v.high));
  await compileOrSkip(t, spec);
});

test('topFrequencyChart: one series per class and the spec compiles', async (t) => {
  const spec = topFrequencyChart({ axis, frequency: { a: map, b: map.map((v) => 1 - v) }, unit: 'cm-1' });
  const values = (spec.data as { values: { class: string }[] }).values;
  assert.equal(values.length, 2 * axis.length);
  assert.deepEqual([...new Set(values.map((v) => v.class))], ['a', 'b']);
  await compileOrSkip(t, spec);
});

test('charts: arrays of another length than the axis are refused', () => {
  assert.throws(() => spectrumCamChart({ axis, spectrum: [1, 2], map }), { name: 'RangeError', message: /'spectrum'/ });
  assert.throws(() => topFrequencyChart({ axis, frequency: { a: [1] } }), { name: 'RangeError', message: /'frequency\.a'/ });
});
