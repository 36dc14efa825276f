// Runs the readers on one (mutated) file per message, in its own process: a reader that hangs or
// exhausts memory takes this process down, and the test that forked it names the case.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadDataset } from '../../loadDataset.js';
import { readDatasetChunks } from '../../readDatasetChunks.js';
import { readSpectrumFile } from '../../readSpectrumFile.js';
import { parseSpectrumFile } from '../../readers/spectrumReaders.js';
import type { FuzzCall, FuzzReader, FuzzReply, FuzzRequest } from './fuzzProtocol.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const dir = mkdtempSync(join(tmpdir(), 'spectracam-fuzz-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// The test hangs up when done: exit, so that the case files go with the folder.
process.on('disconnect', () => process.exit(0));

const EXTENSIONS: Record<FuzzReader, string> = { csv: '.csv', ucr: '.tsv', 'two-column': '.txt', jcamp: '.jdx', spc: '.spc', opus: '.0', wdf: '.wdf', spa: '.spa', labspec: '.txt' };

type Spectra = ArrayLike<number>[][];

/** The public entry points that read a file of this kind: each returns [axis, ...spectra] groups. */
function callsFor(reader: FuzzReader | 'folder', bytes: Uint8Array, path: string): [string, () => Promise<Spectra>][] {
  const load = async (): Promise<Spectra> => {
    const data = await loadDataset({ data: path }, { labelsRequired: false });
    return [[data.axis, ...data.spectra]];
  };
  const chunks = async (): Promise<Spectra> => {
    const out: Spectra = [];
    for await (const piece of readDatasetChunks({ data: path }, { labelsRequired: false, chunk: 3 })) out.push([piece.axis, ...piece.spectra]);
    return out;
  };
  const spectra = (read: () => Promise<{ axis: Float64Array; values: Float64Array }[]>) => async (): Promise<Spectra> =>
    (await read()).map((s) => [s.axis, s.values]);
  if (reader === 'csv' || reader === 'ucr' || reader === 'folder') return [['loadDataset', load], ['readDatasetChunks', chunks]];
  const file: [string, () => Promise<Spectra>][] = [
    ['parseSpectrumFile', spectra(() => parseSpectrumFile(basename(path), bytes))],
    ['readSpectrumFile', spectra(() => readSpectrumFile(path))],
  ];
  return reader === 'two-column' ? file : [...file, ['loadDataset', load], ['readDatasetChunks', chunks]];
}

/** Why spectra are not what a reader may return (finite, as long as their axis), or ''. */
function problem(groups: Spectra): string {
  for (const [axis, ...spectra] of groups) {
    if (!axis || axis.length === 0) return 'an empty axis';
    for (const s of [axis, ...spectra]) {
      if (s.length !== axis.length) return `${s.length} values on an axis of ${axis.length}`;
      for (let i = 0; i < s.length; i++) if (!Number.isFinite(s[i])) return `value ${i + 1} is ${s[i]}`;
    }
  }
  return '';
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

process.on('message', (request: FuzzRequest) => {
  void (async () => {
    const path = request.path ?? join(dir, `fuzz-case${request.reader === 'folder' ? '' : EXTENSIONS[request.reader]}`);
    if (!request.path) writeFileSync(path, request.bytes);
    gc();
    const before = process.memoryUsage();
    const calls: FuzzCall[] = [];
    for (const [call, run] of callsFor(request.reader, request.bytes, path)) {
      const start = performance.now();
      try {
        const detail = problem(await run());
        calls.push({ call, outcome: 'parsed', detail, ms: performance.now() - start });
      } catch (error) {
        const outcome = error instanceof Error ? 'refused' : 'threw-non-error';
        calls.push({ call, outcome, detail: error instanceof Error ? error.message : String(error), ms: performance.now() - start });
      }
    }
    const after = process.memoryUsage();
    const reply: FuzzReply = {
      id: request.id,
      name: basename(path),
      calls,
      rssGrowth: after.rss - before.rss,
      heapGrowth: after.heapUsed - before.heapUsed,
      maxRss: process.resourceUsage().maxRSS * 1024,
      cpuMs: cpuMs(),
    };
    process.send!(reply);
  })();
});

const ready: FuzzReply = { id: -1, name: '', calls: [], rssGrowth: 0, heapGrowth: 0, maxRss: process.resourceUsage().maxRSS * 1024, cpuMs: cpuMs(), rss: process.memoryUsage().rss };
process.send!(ready);
