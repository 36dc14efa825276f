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

test('reader options: --decimal and the spectrum formats are passed on', async () => {
  const argv = await parse(['--data', 'eu.csv', '--decimal', ',', '--delimiter', ';']);
  assert.deepEqual(toReaderOptions(argv), { data: 'eu.csv', decimal: ',', delimiter: ';' });
  assert.deepEqual(toReaderOptions(await parse(['--data', 'x.0', '--format', 'opus'])), { data: 'x.0', format: 'opus' });
});

test('DATA inputs: the positional list, --data and - (which yargs drops) in the order given; an option value equal to a DATA path is not taken twice', async () => {
  const { dataInputs } = await import('../modelOptions.js');
  assert.deepEqual(dataInputs(['a.csv', 'b.wdf'], ['predict', 'm.onnx', 'a.csv', '-', 'b.wdf', '--json']), ['a.csv', '-', 'b.wdf']);
  assert.deepEqual(dataInputs([], ['predict', 'm.onnx', '--data', 'x.spa']), ['x.spa']);
  assert.deepEqual(dataInputs(['x.csv'], ['predict', 'm.onnx', '--labels', 'x.csv', 'x.csv']), ['x.csv']);
  // main() called with its own argv: yargs' reading stands.
  assert.deepEqual(dataInputs(['q.csv'], []), ['q.csv']);
});
