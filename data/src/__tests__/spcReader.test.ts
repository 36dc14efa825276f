import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpc } from '../parse/parseSpc.js';
import { loadDataset } from '../loadDataset.js';
import { readDatasetChunks } from '../readDatasetChunks.js';

// Written by scripts/fixtures/spc_files.py from the SPC layout, independently of spc-parser.
const FIXTURES = fileURLToPath(new URL('./fixtures/spc/', import.meta.url));
const expected = JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, { axis: number[]; values: number[] }[]>;

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-spc-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const close = (got: ArrayLike<number>, want: number[], what: string) => {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) <= 1e-9 * Math.max(1, Math.abs(want[i]!)), `${what}[${i}]: ${got[i]} against ${want[i]}`);
};

test('parseSpc: even and stored X (descending comes ascending), float and scaled-integer Y, multifiles', async () => {
  for (const [file, spectra] of Object.entries(expected)) {
    const got = parseSpc(await readFile(join(FIXTURES, file)), file);
    assert.equal(got.length, spectra.length, `${file}: spectra`);
    got.forEach((spectrum, s) => {
      close(spectrum.axis, spectra[s]!.axis, `${file} axis`);
      close(spectrum.values, spectra[s]!.values, `${file} values`);
      assert.equal(spectrum.unit, 'cm-1', `${file} unit`);
    });
  }
});

test('folder of SPC files: one spectrum per file, each spectrum of a multifile, classes from the folders', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'A'));
  await mkdir(join(dir, 'B'));
  await copyFile(join(FIXTURES, 'even-float.spc'), join(dir, 'A', 'a1.spc'));
  await copyFile(join(FIXTURES, 'even-float.spc'), join(dir, 'A', 'a2.SPC'));
  await copyFile(join(FIXTURES, 'multi.spc'), join(dir, 'B', 'multi.spc'));
  const data = await loadDataset({ data: dir });
  assert.deepEqual(data.ids, ['a1.spc', 'a2.SPC', 'multi.spc#1', 'multi.spc#2', 'multi.spc#3']);
  assert.deepEqual(data.labels, ['A', 'A', 'B', 'B', 'B']);
  // The common range of 400-1800 and 500-1480 cm-1.
  assert.equal(data.axis[0], 500);
  assert.equal(data.axis[data.axis.length - 1], 1480);
  // multi.spc's first spectrum is even-float.spc's curve on a 20 cm-1 grid: on the common axis both agree where their points meet.
  const at = (spectrum: ArrayLike<number>, x: number) => spectrum[data.axis.indexOf(x)]!;
  close([at(data.spectra[2]!, 500), at(data.spectra[2]!, 1480)], [expected['multi.spc']![0]!.values[0]!, expected['multi.spc']![0]!.values[49]!], 'multi.spc#1 ends');
});

test('an SPC file alone: its spectra, unlabelled, whole or in pieces', async () => {
  const file = join(FIXTURES, 'multi.spc');
  const data = await loadDataset({ data: file }, { labelsRequired: false });
  assert.deepEqual(data.ids, ['multi.spc#1', 'multi.spc#2', 'multi.spc#3']);
  close(data.spectra[1]!, expected['multi.spc']![1]!.values, 'multi.spc#2');
  const pieces = [];
  for await (const piece of readDatasetChunks({ data: file }, { labelsRequired: false })) pieces.push(piece);
  assert.equal(pieces.length, 1);
  assert.deepEqual(pieces[0]!.ids, data.ids);
});

test('SPC: a truncated or foreign file is named with what was expected', async (t) => {
  const dir = await tempDir(t);
  const bytes = await readFile(join(FIXTURES, 'even-float.spc'));
  await writeFile(join(dir, 'cut.spc'), bytes.subarray(0, 600));
  await writeFile(join(dir, 'text.spc'), 'wavenumber,intensity\n100,1\n200,2\n');
  await assert.rejects(loadDataset({ data: join(dir, 'cut.spc') }, { labelsRequired: false }), (e: Error) => e.message.includes('cut.spc') && /SPC|finite/.test(e.message));
  await assert.rejects(loadDataset({ data: join(dir, 'text.spc') }, { labelsRequired: false }), (e: Error) => e.message.includes('text.spc') && /not readable as SPC/.test(e.message));
});
