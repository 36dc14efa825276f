import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { CASE_MS, FuzzProcess, GROWTH_BYTES } from './fuzz/fuzzHarness.js';
import type { FuzzReply } from './fuzz/fuzzProtocol.js';

// Files that once took a reader down (../shared/data/hostile/SOURCE.md): fuzz0.spc and fuzz2.spc
// grew the process to 16-21 GB, hostile2.jdx killed V8. Each is read in a child process (a
// regression fails here rather than taking the test run with it).
const HOSTILE = join(sharedDataDir, 'hostile');
const CASES = [
  { file: 'fuzz0.spc', reader: 'spc', message: /SPC header declares 2641272411 points x 2678671898 subfiles, which needs at least \d+ bytes; the file has 3000 \(truncated or not an SPC file\)/ },
  { file: 'fuzz2.spc', reader: 'spc', message: /SPC header declares 2003444674 points x 2699930428 subfiles, which needs at least \d+ bytes; the file has 3000/ },
  { file: 'hostile2.jdx', reader: 'jcamp', message: /hostile2\.jdx:12: DUP counts \(S-Z, s\) in the compressed data repeat values more than 12672 times by this line, more than the 5 points ##NPOINTS declares/ },
] as const;
const SPC_FIXTURE = fileURLToPath(new URL('./fixtures/spc/even-float.spc', import.meta.url));
const JCAMP = ['##TITLE=t', '##JCAMP-DX=4.24', '##XUNITS=1/CM', '##YUNITS=ABSORBANCE', '##NPOINTS=3', '##XYPOINTS=(XY..XY)', '1,1', '2,2', '3,3', '##END=', ''].join('\n');

/** A reader process with the readers' parser libraries loaded (they load on first use), so that the times below are the readers'. */
async function warmProcess(): Promise<FuzzProcess> {
  const harness = await FuzzProcess.start();
  for (const reply of [await harness.run('spc', new Uint8Array(await readFile(SPC_FIXTURE))), await harness.run('jcamp', new TextEncoder().encode(JCAMP))]) {
    for (const call of reply.calls) assert.equal(call.outcome, 'parsed', `${call.call}: ${call.detail}`);
  }
  return harness;
}

function assertRefused(reply: FuzzReply, file: string, message: RegExp, t: { diagnostic: (m: string) => void }): void {
  assert.ok(reply.calls.length >= 2, `${file}: ${reply.calls.length} calls`);
  for (const call of reply.calls) {
    assert.equal(call.outcome, 'refused', `${file}, ${call.call}: ${call.detail}`);
    assert.ok(call.detail.includes(file), `${file}, ${call.call}: the message does not name the file: ${call.detail}`);
    assert.match(call.detail, message, `${file}, ${call.call}`);
    assert.ok(call.ms < CASE_MS, `${file}, ${call.call}: ${call.ms.toFixed(0)} ms`);
    t.diagnostic(`${file}, ${call.call}: refused in ${call.ms.toFixed(1)} ms: ${call.detail}`);
  }
  assert.ok(reply.rssGrowth < GROWTH_BYTES && reply.heapGrowth < GROWTH_BYTES, `${file}: grew by ${reply.rssGrowth} bytes resident, ${reply.heapGrowth} heap`);
}

for (const { file, reader, message } of CASES) {
  test(`hostile ${file}: refused by every reader that takes it, naming it, within ${CASE_MS} ms and bounded memory`, async (t) => {
    const path = join(HOSTILE, file);
    if (skipWithoutSharedData(t, path)) return;
    const harness = await warmProcess();
    t.after(() => harness.stop());
    const reply = await harness.run(reader, new Uint8Array(await readFile(path)), path);
    assert.deepEqual(reply.calls.map((c) => c.call), ['parseSpectrumFile', 'readSpectrumFile', 'loadDataset', 'readDatasetChunks']);
    assertRefused(reply, file, message, t);
    assert.ok(harness.peakGrowth() < GROWTH_BYTES, `peak resident growth ${harness.peakGrowth()} bytes`);
  });
}

test('hostile files in a class folder: the folder is refused, naming the file, within bounds', async (t) => {
  if (skipWithoutSharedData(t, HOSTILE)) return;
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-hostile-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const harness = await warmProcess();
  t.after(() => harness.stop());
  for (const { file, message } of CASES) {
    const folder = join(dir, basename(file).replace('.', '-'));
    await mkdir(join(folder, 'A'), { recursive: true });
    await mkdir(join(folder, 'B'), { recursive: true });
    await copyFile(SPC_FIXTURE, join(folder, 'A', 'good1.spc'));
    await copyFile(SPC_FIXTURE, join(folder, 'B', 'good2.spc'));
    await copyFile(join(HOSTILE, file), join(folder, 'B', file));
    const reply = await harness.run('folder', new Uint8Array(), folder);
    assert.deepEqual(reply.calls.map((c) => c.call), ['loadDataset', 'readDatasetChunks']);
    assertRefused(reply, file, message, t);
  }
});
