import { test } from 'node:test';
import assert from 'node:assert/strict';
import yargs from 'yargs';
import { readerOptions, toReaderOptions, type ReaderArgv } from '../readerOptions.js';

async function parse(args: string[]) {
  return (await readerOptions(yargs(args).strict()).parseAsync()) as unknown as ReaderArgv;
}

test('reader options: parsed flags become ReaderOptions with only what the user gave', async () => {
  const argv = await parse(['--data', 'meat.csv', '--label-pattern', '^Fresh([A-Za-z]+)_', '--group-pattern', '^(.*)_Run', '--delimiter', '\\t']);
  assert.deepEqual(toReaderOptions(argv), {
    data: 'meat.csv',
    labelPattern: '^Fresh([A-Za-z]+)_',
    groupPattern: '^(.*)_Run',
    delimiter: '\t',
  });
});

test('reader options: format and orientation other than auto are passed on; unknown ones are refused', async () => {
  const argv = await parse(['--data', 'x.tsv', '--format', 'ucr', '--orientation', 'rows', '--unit', 'nm']);
  assert.deepEqual(toReaderOptions(argv), { data: 'x.tsv', format: 'ucr', orientation: 'rows', unit: 'nm' });
  await assert.rejects(async () =>
    readerOptions(yargs(['--data', 'x', '--format', 'xlsx']).exitProcess(false).fail((message) => { throw new Error(message); })).parseAsync(),
    /Invalid values/,
  );
});
