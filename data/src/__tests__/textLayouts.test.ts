import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../loadDataset.js';
import { readDatasetChunks } from '../readDatasetChunks.js';
import { detectDelimiter, splitDelimited } from '../parse/splitDelimited.js';
import { parseTwoColumn } from '../parse/parseTwoColumn.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-text-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const close = (got: ArrayLike<number>, want: number[]) => {
  assert.equal(got.length, want.length);
  want.forEach((w, i) => assert.ok(Math.abs(got[i]! - w) <= 1e-5 * Math.max(1, Math.abs(w)), `[${i}]: ${got[i]} against ${w}`));
};

test('European CSV: semicolons and decimal commas, spectra as rows, whole and in pieces', async (t) => {
  const file = join(await tempDir(t), 'europe.csv');
  await writeFile(file, 'id;label;1700,78;1701,22;1702,5\na1;A;51,1259;52,5;-0,25\nb1;B;1,5e-3;2;3,75\n');
  const data = await loadDataset({ data: file });
  close(data.axis, [1700.78, 1701.22, 1702.5]);
  close(data.spectra[0]!, [51.1259, 52.5, -0.25]);
  close(data.spectra[1]!, [0.0015, 2, 3.75]);
  assert.deepEqual(data.labels, ['A', 'B']);
  const pieces = [];
  for await (const piece of readDatasetChunks({ data: file }, { chunk: 1, labelsRequired: false })) pieces.push(piece);
  assert.equal(pieces.length, 2);
  close(pieces[1]!.spectra[0]!, [0.0015, 2, 3.75]);
});

test('European CSV: a headerless x;y export is one spectrum with its x, even with --delimiter ";"', async (t) => {
  const file = join(await tempDir(t), 'one.csv');
  await writeFile(file, '1700,78;51,1259\n1702,5;52,25\n1704,25;50\n1706;49,75\n');
  for (const options of [{}, { delimiter: ';' }, { delimiter: ';', decimal: ',' as const }]) {
    const data = await loadDataset({ data: file, ...options }, { labelsRequired: false });
    assert.equal(data.spectra.length, 1, JSON.stringify(options));
    assert.deepEqual(data.ids, ['one.csv']);
    close(data.axis, [1700.78, 1702.5, 1704.25, 1706]);
    close(data.spectra[0]!, [51.1259, 52.25, 50, 49.75]);
  }
  // Forced to the point, no cell is a number: refused, naming the file.
  await assert.rejects(loadDataset({ data: file, decimal: '.' }, { labelsRequired: false }), /one\.csv: cannot tell how spectra are laid out/);
});

test('decimal commas with a tab or spaces between columns: the commas are not the delimiter', () => {
  assert.equal(detectDelimiter('1700,78\t51,1259'), '\t');
  assert.equal(detectDelimiter('1700,78 51,1259'), ' ');
  assert.equal(detectDelimiter('1,2,3,4'), ',', 'integers split by commas stay comma-separated');
  assert.equal(detectDelimiter('1.5, 2.5, 3.5'), ',');
  const { rows, decimal } = splitDelimited('x\ty\n1700,78\t51,1259\n1702,5\t52\n', 'tab.txt');
  assert.equal(decimal, ',');
  assert.deepEqual(rows[1]!.cells, ['1700.78', '51.1259']);
  close(parseTwoColumn('1700,78 51,1259\n1702,5 52\n', 'spaces.txt').values, [51.1259, 52]);
  // A text cell keeps its comma; only numbers change their mark.
  assert.deepEqual(splitDelimited('name;1,5\n"a,b";2,5\n', 'names.csv').rows[1]!.cells, ['a,b', '2.5']);
});

test('a headerless two-column x,y file is one spectrum whose x is the first column (it was read as rows with a two-point axis)', async (t) => {
  const dir = await tempDir(t);
  const rising = join(dir, 'rising.csv');
  await writeFile(rising, '50,1\n100,2\n150,4\n200,3\n1700.78,5\n');
  const data = await loadDataset({ data: rising }, { labelsRequired: false });
  assert.equal(data.spectra.length, 1);
  assert.deepEqual(data.ids, ['rising.csv']);
  assert.deepEqual(Array.from(data.axis), [50, 100, 150, 200, 1700.78]);
  assert.deepEqual(Array.from(data.spectra[0]!), [1, 2, 4, 3, 5]);
  assert.ok(data.warnings.some((w) => /one spectrum \(two numeric columns without a header/.test(w)), data.warnings.join('\n'));
  // Falling x (mid-IR exports), tab-separated: flipped to ascending.
  const falling = join(dir, 'falling.txt');
  await writeFile(falling, '4000\t0.1\n3000\t0.2\n2000\t0.3\n');
  const down = await loadDataset({ data: falling }, { labelsRequired: false });
  assert.deepEqual(Array.from(down.axis), [2000, 3000, 4000]);
  close(down.spectra[0]!, [0.3, 0.2, 0.1]);
  // The same in pieces, as predict reads it.
  const pieces = [];
  for await (const piece of readDatasetChunks({ data: rising }, { labelsRequired: false })) pieces.push(piece);
  assert.equal(pieces.length, 1);
  assert.equal(pieces[0]!.spectra.length, 1);
});

test('other layouts keep their orientation: rows with a numeric header, columns with one, UCR, and two columns that are not an axis', async (t) => {
  const dir = await tempDir(t);
  const rows = join(dir, 'rows.csv');
  await writeFile(rows, 'id,100,200\na,1,2\nb,4,5\n');
  const asRows = await loadDataset({ data: rows }, { labelsRequired: false });
  assert.equal(asRows.spectra.length, 2);
  assert.deepEqual(Array.from(asRows.axis), [100, 200]);
  // Two numeric columns whose first does not rise or fall: UCR (a label, one value), as before.
  const ucr = join(dir, 'ucr.tsv');
  await writeFile(ucr, '1\t0.5\n2\t0.7\n1\t0.6\n2\t0.9\n');
  const asUcr = await loadDataset({ data: ucr });
  assert.deepEqual(asUcr.labels, ['1', '2', '1', '2']);
  // Two columns with a text header: one spectrum named by the header, as before.
  const named = join(dir, 'named.csv');
  await writeFile(named, 'x,y\n50,1\n100,2\n150,4\n');
  const asNamed = await loadDataset({ data: named }, { labelsRequired: false });
  assert.deepEqual(asNamed.ids, ['y']);
  assert.deepEqual(Array.from(asNamed.axis), [50, 100, 150]);
});

test('a folder without class sub-folders is a list of unlabelled spectra (not-spectrum files left alone)', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'b.txt'), '100\t1\n200\t2\n300\t3\n');
  await writeFile(join(dir, 'a.txt'), '100\t4\n200\t5\n300\t6\n');
  await writeFile(join(dir, 'README.md'), '# notes\n');
  const data = await loadDataset({ data: dir }, { labelsRequired: false });
  assert.deepEqual(data.ids, ['a.txt', 'b.txt']);
  assert.deepEqual(data.labels, ['', '']);
  assert.equal(data.format, 'folder (two-column)');
  // With class sub-folders, the folders still give the classes.
  await mkdir(join(dir, 'A'));
  await writeFile(join(dir, 'A', 'c.txt'), '100\t1\n200\t2\n300\t3\n');
  await mkdir(join(dir, 'B'));
  await writeFile(join(dir, 'B', 'd.txt'), '100\t1\n200\t2\n300\t3\n');
  const classes = await loadDataset({ data: dir });
  assert.deepEqual(classes.labels, ['A', 'B']);
});
