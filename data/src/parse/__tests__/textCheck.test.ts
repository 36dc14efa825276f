import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notTextReason } from '../textCheck.js';
import { datasetFromText } from '../datasetFromText.js';
import { parseSpectrumFile } from '../../readers/spectrumReaders.js';
import { loadDataset } from '../../loadDataset.js';
import { readDatasetChunks } from '../../readDatasetChunks.js';

const csv = 'id,label,100,200,300\na,A,1,2,3\nb,B,4,5,6\n';
const utf16le = (text: string, bom: boolean) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  return new Uint8Array([0xfe, 0xff, ...Array.from(le, (_, i) => le[i ^ 1]!)]);
};
const binary = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256);

test('notTextReason: UTF-16 with or without a byte-order mark, and binary bytes, are told apart from text', () => {
  assert.equal(notTextReason(utf16le(csv, true))?.kind, 'utf-16');
  assert.match(notTextReason(utf16le(csv, true))!.why, /byte-order mark FF FE/);
  assert.match(notTextReason(utf16be(csv))!.why, /byte-order mark FE FF/);
  assert.match(notTextReason(utf16le(csv, false))!.why, /every other byte of its first \d+ is NUL/);
  assert.equal(notTextReason(binary)?.kind, 'binary');
  // Text as instruments write it: UTF-8 with a BOM, latin-1 accents, tabs, a form feed, a DOS end-of-file mark.
  for (const text of [`\uFEFF${csv}`, 'x\ty\n1\t2\n\f', 'sample ÿþ,1\n', `${csv}\x1a`]) assert.equal(notTextReason(Buffer.from(text, 'latin1')), undefined, JSON.stringify(text));
  assert.equal(notTextReason(Buffer.from('Probe µ,é\n1,2\n', 'utf8')), undefined);
  assert.equal(notTextReason(new Uint8Array()), undefined);
});

test('a UTF-16 or binary file is refused by name with what to do, by every reader, not with a layout question', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-text-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cases = [
    { name: 'utf16.csv', bytes: utf16le(csv, true), message: /utf16\.csv: looks like UTF-16 text \(it starts with the byte-order mark FF FE\); expected .* encoded as UTF-8: save it again as UTF-8/ },
    { name: 'utf16be.csv', bytes: utf16be(csv), message: /utf16be\.csv: looks like UTF-16 text/ },
    { name: 'nobom.csv', bytes: utf16le(csv, false), message: /nobom\.csv: looks like UTF-16 text \(every other byte/ },
    { name: 'binary.csv', bytes: binary, message: /binary\.csv: not a text file \(\d+ of its first 3000 bytes are NUL or control codes\); expected delimited text/ },
  ];
  for (const { name, bytes, message } of cases) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    await assert.rejects(loadDataset({ data: path }, { labelsRequired: false }), message, `loadDataset ${name}`);
    await assert.rejects(async () => {
      for await (const piece of readDatasetChunks({ data: path }, { labelsRequired: false })) void piece;
    }, message, `readDatasetChunks ${name}`);
    await assert.rejects(parseSpectrumFile(name.replace('.csv', '.txt'), bytes), /\.txt: (looks like UTF-16 text|not a text file)/, `two-column ${name}`);
    await assert.rejects(parseSpectrumFile(name.replace('.csv', '.jdx'), bytes), /\.jdx: (looks like UTF-16 text|not a text file).*expected JCAMP-DX text/, `JCAMP-DX ${name}`);
    // A browser hands over text decoded as UTF-8: NULs and the mark survive it.
    assert.throws(() => datasetFromText(new TextDecoder().decode(bytes), { source: name, labelsRequired: false }), new RegExp(`${name.replace('.', '\\.')}: (looks like UTF-16 text|not a text file)`), `datasetFromText ${name}`);
  }
  // Side files too.
  const data = join(dir, 'ok.csv');
  await writeFile(data, csv);
  await writeFile(join(dir, 'labels.csv'), utf16le('id,label\na,A\nb,B\n', true));
  await assert.rejects(loadDataset({ data, labels: join(dir, 'labels.csv') }), /labels\.csv: looks like UTF-16 text.*expected a labels file/);
});
