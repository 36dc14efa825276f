import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CASE_MS, FuzzProcess, GROWTH_BYTES } from './fuzz/fuzzHarness.js';
import { fuzzBases } from './fuzz/fuzzBases.js';
import { applyOps, opsArbitrary } from './fuzz/mutate.js';
import type { FuzzReader } from './fuzz/fuzzProtocol.js';

// Real files (and two built JCAMP-DX files) with random truncations, bit flips, random bytes and
// hostile counts: every case must read to finite spectra or be refused with an Error naming the
// file, within 2 s and 256 MiB. Fixed seed and runs: about 45 s of CPU on 2 cores in all.
const SEED = 4242;
const RUNS: Record<FuzzReader, number> = { csv: 150, ucr: 150, 'two-column': 200, jcamp: 300, spc: 300, opus: 200, wdf: 200, spa: 200, labspec: 100 };
/** Byte offsets of binary counts and offsets, by reader. */
const FIELDS: Partial<Record<FuzzReader, readonly number[]>> = {
  // fnpts, fnsub, the first subheader's subnpts.
  spc: [4, 24, 512 + 16],
  // Directory offset and count; the first data entries' lengths and offsets; test.0000's AB NPT.
  opus: [12, 20, 40, 44, 52, 56, 64, 68, 0xfc44],
  // Points, capacity, written; the DATA and XLST block sizes (sp.wdf).
  wdf: [60, 64, 72, 520, 512 + 4076 + 8, 512 + 4076 + 28 + 8],
  // Directory count; the key-2 and key-3 entries' offsets and sizes; the header's point count.
  spa: [292, 306, 310, 306 + 64, 310 + 64, 560 + 4],
};
const BINARY = new Set<FuzzReader>(['spc', 'opus', 'wdf', 'spa']);

const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

for (const reader of ['csv', 'ucr', 'two-column', 'jcamp', 'spc', 'opus', 'wdf', 'spa', 'labspec'] as const) {
  test(`fuzz ${reader}: mutated files read to finite spectra or are refused by name, within ${CASE_MS} ms and ${MiB(GROWTH_BYTES)} MiB`, async (t) => {
    const { bases, missing } = fuzzBases(reader);
    if (bases.length === 0) {
      t.skip(`needs ${missing} (the shared data sets beside the checkout), which is absent here`);
      return;
    }
    if (missing) t.diagnostic(`${missing} is absent: fuzzing the ${bases.length} fixtures only`);
    const harness = await FuzzProcess.start();
    t.after(() => harness.stop());
    // The files themselves read, or the fuzzing below proves nothing.
    for (const base of bases) {
      for (const call of (await harness.run(reader, base.bytes)).calls) {
        assert.equal(call.outcome, 'parsed', `${base.name}, ${call.call}: ${call.detail}`);
        assert.equal(call.detail, '', `${base.name}, ${call.call}`);
      }
    }
    const counts = { parsed: 0, refused: 0 };
    let slowest = 0;
    const cpuBefore = harness.cpuMs;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), opsArbitrary({ text: !BINARY.has(reader), fields: FIELDS[reader] ?? [] }), async (b, ops) => {
        const reply = await harness.run(reader, applyOps(bases[b]!.bytes, ops));
        assert.ok(reply.calls.length >= 2, 'every case goes through at least two entry points');
        for (const call of reply.calls) {
          const what = `${bases[b]!.name} with ${JSON.stringify(ops)}, ${call.call}`;
          assert.ok(call.outcome === 'parsed' || call.outcome === 'refused', `${what}: threw something other than an Error (${call.detail})`);
          if (call.outcome === 'parsed') assert.equal(call.detail, '', `${what}: read, but ${call.detail}`);
          else assert.ok(call.detail.includes(reply.name), `${what}: the message does not name the file: ${call.detail}`);
          counts[call.outcome]++;
          slowest = Math.max(slowest, call.ms);
          assert.ok(call.ms < CASE_MS, `${what}: took ${call.ms.toFixed(0)} ms`);
        }
        assert.ok(reply.rssGrowth < GROWTH_BYTES && reply.heapGrowth < GROWTH_BYTES, `${JSON.stringify(ops)}: grew by ${MiB(reply.rssGrowth)} MiB resident, ${MiB(reply.heapGrowth)} MiB heap`);
      }),
      { seed: SEED, numRuns: RUNS[reader], endOnFailure: true },
    );
    const wall = performance.now() - started;
    t.diagnostic(
      `seed ${SEED}, ${RUNS[reader]} runs over ${bases.length} files: ${counts.parsed} reads gave spectra, ${counts.refused} refused; ` +
        `${(wall / 1000).toFixed(1)} s wall, ${((harness.cpuMs - cpuBefore) / 1000).toFixed(1)} s CPU in the reader process, slowest case ${slowest.toFixed(0)} ms, ` +
        `peak resident growth ${MiB(harness.peakGrowth())} MiB`,
    );
    assert.ok(harness.peakGrowth() < GROWTH_BYTES, `peak resident growth ${MiB(harness.peakGrowth())} MiB`);
  });
}
