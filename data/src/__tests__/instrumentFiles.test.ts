import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sharedDataDir, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { loadDataset } from '../loadDataset.js';
import { parseSpectrumFile, spectrumReaderFor } from '../readers/spectrumReaders.js';
import { parseOpus } from '../parse/opus/parseOpus.js';

// Real instrument files (../shared/data/instrument-files/SOURCE.md: SpectroChemPy's test data).
const DIR = join(sharedDataDir, 'instrument-files');

/** Each file: its reader, spectra, points and x range as the file declares them, and a value near a band. */
const CASES = [
  // SpectroChemPy's test_read_opus: shape (1, 2567), A at 2303.8694 cm-1 = 2.72740; NPT, FXV, LXV of the AB block.
  { file: 'opus/test.0000', format: 'opus', spectra: 1, points: 2567, first: 699.3889538645833, last: 3998.3449384537757, unit: 'cm-1', at: 2303.8694, value: 2.7274, tolerance: 1e-4 },
  // SpectroChemPy's test_read_opus: the background (RF) single channel has 4096 points.
  { file: 'opus/background.0', format: 'opus', spectra: 1, points: 4096, first: 0, last: 5264.701775874023, unit: 'cm-1' },
  // OMNIC key-2 header: 11098 points, 6000.041 to 649.904 cm-1 (x unit key 1), absorbance (y key 17).
  { file: 'omnic/10-Z22-Si-S7_0.SPA', format: 'spa', spectra: 1, points: 11098, first: 649.9039916992188, last: 6000.041015625, unit: 'cm-1', at: 1251.1, value: 2.542, tolerance: 2e-3 },
  { file: 'omnic/11-Z25-CP_0.SPA', format: 'spa', spectra: 1, points: 11098, first: 649.9039916992188, last: 6000.041015625, unit: 'cm-1' },
  // not_opus.spa is what its bytes say, an OMNIC file (5549 points, 5999.71 to 649.92 cm-1).
  { file: 'opus/not_opus.spa', format: 'spa', spectra: 1, points: 5549, first: 649.9207153320312, last: 5999.71337890625, unit: 'cm-1' },
  // WDF header: 1015 points, 1 / 235 / 40 / 2 spectra; XLST 1226.28 to 2787.51 cm-1. Graphene: 2D band at 2672, G at 1587.
  { file: 'wdf/sp.wdf', format: 'wdf', spectra: 1, points: 1015, first: 1226.2752685546875, last: 2787.514404296875, unit: 'cm-1', at: 2672, value: 1863.26, tolerance: 0.05 },
  { file: 'wdf/line.wdf', format: 'wdf', spectra: 235, points: 1015, first: 1226.267578125, last: 2787.509765625, unit: 'cm-1' },
  { file: 'wdf/depth.wdf', format: 'wdf', spectra: 40, points: 1015, first: 1226.6053466796875, last: 2787.782958984375, unit: 'cm-1' },
  // Measurement type "undefined", an axis in arbitrary units: the unit falls back to the default.
  { file: 'wdf/undefined.wdf', format: 'wdf', spectra: 2, points: 1015, first: 1170.947265625, last: 2742.587890625, unit: 'cm-1' },
  // LabSpec: 1024 lines below the header; silicon's band near 520 cm-1 (522.6 here, 14997 counts).
  { file: 'labspec/532nm-191216-Si_200mu.txt', format: 'labspec', spectra: 1, points: 1024, first: 46.6417, last: 1754.52, unit: 'cm-1', at: 522.6, value: 14997, tolerance: 0.5 },
  { file: 'labspec/SMC1-Initial_RT.txt', format: 'labspec', spectra: 1, points: 1024, first: 12.5534, last: 1726.5, unit: 'cm-1' },
  // SpectroChemPy's test_read_labspec: serie190214-1.txt has shape (168, 1024).
  { file: 'labspec/serie190214-1.txt', format: 'labspec', spectra: 168, points: 1024, first: 12.5534, last: 1726.5, unit: 'cm-1' },
  // SPC headers (fnpts, fnsub, ffirst/flast, fxtype).
  { file: 'spc/TOLUENE.SPC', format: 'spc', spectra: 1, points: 801, first: 500, last: 3700, unit: 'cm-1' },
  { file: 'spc/BENZENE.SPC', format: 'spc', spectra: 1, points: 1842, first: 449.4299621582031, last: 4000.5, unit: 'cm-1' },
  { file: 'spc/DEMO_3D.SPC', format: 'spc', spectra: 32, points: 171, first: 200, last: 800, unit: 'nm' },
  { file: 'spc/IG_MULTI.SPC', format: 'spc', spectra: 10, points: 4096, first: 0, last: 7900.41175, unit: 'cm-1' },
  { file: 'spc/XYTRACE.SPC', format: 'spc', spectra: 1, points: 3469, first: 317.2349853515625, last: 870.333984375, unit: 'nm' },
] as const;

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

for (const c of CASES) {
  test(`instrument file ${c.file}: ${c.spectra} spectra x ${c.points} points, ${c.first}..${c.last} ${c.unit}, read as ${c.format}`, async (t) => {
    const path = join(DIR, c.file);
    if (skipWithoutSharedData(t, path)) return;
    const bytes = new Uint8Array(await readFile(path));
    assert.equal(spectrumReaderFor(c.file.replace(/\.[^.]+$/, '.bin'), bytes).format, c.format, 'known by its bytes, whatever its name');
    const data = await loadDataset({ data: path }, { labelsRequired: false });
    assert.equal(data.format, c.format);
    assert.equal(data.spectra.length, c.spectra);
    assert.equal(data.axis.length, c.points);
    assert.ok(near(data.axis[0]!, c.first, 1e-9) && near(data.axis[data.axis.length - 1]!, c.last, 1e-9), `axis ${data.axis[0]}..${data.axis.at(-1)}`);
    assert.equal(data.unit, c.unit);
    if ('at' in c) {
      let k = 0;
      for (let i = 0; i < data.axis.length; i++) if (Math.abs(data.axis[i]! - c.at) < Math.abs(data.axis[k]! - c.at)) k = i;
      const value = data.spectra[0]![k]!;
      assert.ok(near(value, c.value, c.tolerance), `value at ${data.axis[k]} ${c.unit}: ${value}, expected ${c.value}`);
    }
  });
}

test('OMNIC SPA: values and axis match a published float64 digest of this very file (SpectraSherpa\'s OMNIC conformance record)', async (t) => {
  const path = join(DIR, 'omnic/10-Z22-Si-S7_0.SPA');
  if (skipWithoutSharedData(t, path)) return;
  const [spectrum] = await parseSpectrumFile(path, new Uint8Array(await readFile(path)));
  const digest = (a: Float64Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
  // The file's own order (descending wavenumbers), as float64.
  assert.equal(digest(spectrum!.values), '002c44f46f3b250010fe055a1c3680b21fc2e9da7ecee32336475501e3d040ae');
  assert.equal(digest(spectrum!.axis), '1eb1d39242e6e0ab77685549cedceb5625bd54f63a89ab5976865bb638b9ce30');
  assert.equal(spectrum!.metadata?.['intensity'], 'absorbance');
});

test('OPUS: absorbance is preferred and said so; a background file gives its reference single channel; an OMNIC file is refused as not OPUS', async (t) => {
  if (skipWithoutSharedData(t, DIR)) return;
  const read = async (file: string) => parseOpus(new Uint8Array(await readFile(join(DIR, file))), file);
  const [ab] = await read('opus/test.0000');
  assert.match(ab!.note!, /read absorbance AB; the file also holds .*single channel \(sample\) ScSm/);
  assert.equal(ab!.metadata?.['NPT'], '2567');
  const [rf] = await read('opus/background.0');
  assert.match(rf!.note!, /read single channel \(reference\) ScRf/);
  await assert.rejects(read('opus/not_opus.spa'), /opus\/not_opus\.spa: not an OPUS file \(it starts with "Spectral Data File": a Thermo OMNIC SPA file\)/);
  // Forced as OPUS, through the data options.
  await assert.rejects(loadDataset({ data: join(DIR, 'opus/not_opus.spa'), format: 'opus' }, { labelsRequired: false }), /not an OPUS file/);
});

test('WDF: a line scan and a depth series name their spectra by position; LabSpec keeps its header as metadata, latin-1 decoded', async (t) => {
  if (skipWithoutSharedData(t, DIR)) return;
  const line = await loadDataset({ data: join(DIR, 'wdf/line.wdf') }, { labelsRequired: false });
  assert.equal(line.ids[0], 'line.wdf#x=80.027,y=-162.479');
  assert.equal(new Set(line.ids).size, 235, 'positions are distinct');
  const depth = await loadDataset({ data: join(DIR, 'wdf/depth.wdf') }, { labelsRequired: false });
  assert.equal(depth.ids[0], 'depth.wdf#z=-10');
  assert.ok(depth.warnings.some((w) => /20 of 40 spectra are all zeros/.test(w)), depth.warnings.join('\n'));
  const path = join(DIR, 'labspec/532nm-191216-Si_200mu.txt');
  const [si] = await parseSpectrumFile(path, new Uint8Array(await readFile(path)));
  assert.equal(si!.metadata?.['Detector temperature (°C)'], '-60.1');
  assert.equal(si!.metadata?.['Instrument'], 'LabRAM HR Evol');
  const serie = await loadDataset({ data: join(DIR, 'labspec/serie190214-1.txt') }, { labelsRequired: false });
  assert.equal(serie.ids[1], 'serie190214-1.txt#t=59.8802');
});

/** Cuts of each file: binary ones at several points, text ones inside a line. */
function cuts(size: number): number[] {
  return [Math.floor(size * 0.3), Math.floor(size * 0.75), size - 3];
}

for (const c of CASES) {
  test(`instrument file ${c.file} truncated: a located error, never a partial spectrum`, async (t) => {
    const path = join(DIR, c.file);
    if (skipWithoutSharedData(t, path)) return;
    const bytes = new Uint8Array(await readFile(path));
    for (const cut of cuts(bytes.length)) {
      let end = cut;
      // Text ends inside a line, after a tab: a cell is missing, as a cut file's last line lacks one.
      if (c.format === 'labspec') end = bytes.indexOf(9, cut) + 1;
      const name = `${c.file} (cut at ${end})`;
      await assert.rejects(parseSpectrumFile(name, bytes.slice(0, end)), (e: Error) => {
        assert.ok(e.message.includes(name), `the message names the file: ${e.message}`);
        return true;
      });
    }
  });
}
