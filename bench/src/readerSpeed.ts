/**
 * How fast the readers take in a CSV with one spectrum per row, side by side with numpy.loadtxt
 * (Debian python3-numpy) on the same file:
 * - `loadDataset`: the whole file at once (training, evaluation);
 * - `readDatasetChunks`: a piece at a time, as `spectracam predict` and `explain` stream a file.
 * Two files of the same 10 240 synthetic spectra x 1733 variables with id, label and group
 * columns: values as the generator writes them (at most 7 significant digits, as instruments
 * export), and as 17-digit exponent notation (numpy.savetxt's habit), which takes the readers'
 * slower path for long numbers.
 *
 *   node --conditions=source --import tsx bench/src/readerSpeed.ts [spectra=10240] [repeats=3]
 *
 * Then one line per spectrum-file format, on a real file of ../shared/data/instrument-files
 * (skipped where absent): bytes to spectra through the reader table, as a folder or a dropped file
 * is read.
 *
 * Writes bench/results/readerSpeed.json and prints a table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from '@spectracam/test/support/sharedData';
import { datasetToCsv, generateSynthetic, loadDataset, parseSpectrumFile, readDatasetChunks, writeFileAtomic } from '@spectracam/data';
import { debianPython, machineInfo, table } from './benchCommon.js';

const count = Number(process.argv[2] ?? 10240);
const repeats = Number(process.argv[3] ?? 3);

const { dataset } = generateSynthetic({ seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'spectracam-reader-'));
try {
  const [header, ...rows] = datasetToCsv(dataset).trimEnd().split('\n');
  const many = Array.from({ length: count }, (_, i) => rows[i % rows.length]!);
  const shortPath = join(dir, 'short.csv');
  writeFileSync(shortPath, `${[header, ...many].join('\n')}\n`);
  // The same spectra as 17 significant digits in exponent notation.
  const longPath = join(dir, 'long.csv');
  const long = many.map((line) => {
    const cells = line.split(',');
    return [...cells.slice(0, 3), ...cells.slice(3).map((v) => Number(v).toExponential(16))].join(',');
  });
  writeFileSync(longPath, `${[header, ...long].join('\n')}\n`);

  const python = debianPython(['numpy']);
  const results = [];
  for (const [name, path] of [
    ['at most 7 digits', shortPath],
    ['17 digits, exponent', longPath],
  ] as const) {
    const megabytes = statSync(path).size / 1e6;
    const whole = await best(async () => (await loadDataset({ data: path })).spectra.length);
    const streamed = await best(async () => {
      let n = 0;
      // As the CLI reads them: a piece may hold one class only.
      for await (const piece of readDatasetChunks({ data: path }, { labelsRequired: false })) n += piece.spectra.length;
      return n;
    });
    let numpy: { numpy: string; seconds: number; spectra: number } | undefined;
    if (python) {
      const run = spawnSync(python, [fileURLToPath(new URL('../python/loadtxt_peer.py', import.meta.url)), path, '3', String(repeats)], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`numpy peer failed: ${run.stderr}`);
      numpy = JSON.parse(run.stdout);
      if (numpy!.spectra !== count) throw new Error(`numpy read ${numpy!.spectra} spectra, expected ${count}`);
    }
    results.push({ file: name, megabytes, spectra: count, loadDataset: whole, readDatasetChunks: streamed, numpyLoadtxt: numpy });
  }

  const formats = await formatSpeeds();

  const out = {
    machine: machineInfo(),
    measuredAt: new Date().toISOString(),
    command: 'node --conditions=source --import tsx bench/src/readerSpeed.ts',
    note: python ? 'seconds: best of the repeats; ratio: numpy.loadtxt seconds / ours (above 1: ours is faster)' : 'Debian python3-numpy is missing: the numpy peer did not run',
    results,
    formats,
  };
  await writeFileAtomic(fileURLToPath(new URL('../results/readerSpeed.json', import.meta.url)), `${JSON.stringify(out, null, 2)}\n`);
  const mbps = (mb: number, s: number) => `${(mb / s).toFixed(0)} MB/s`;
  console.log(`${count} spectra x ${dataset.axis.length} variables; ${machineInfo().cpu}, ${machineInfo().cores} cores; best of ${repeats}`);
  console.log(
    table([
      ['file', 'MB', 'loadDataset', 'readDatasetChunks', 'numpy.loadtxt', 'numpy / loadDataset', 'numpy / chunks'],
      ...results.map((r) => [
        r.file,
        r.megabytes.toFixed(0),
        `${r.loadDataset.toFixed(2)} s (${mbps(r.megabytes, r.loadDataset)})`,
        `${r.readDatasetChunks.toFixed(2)} s (${mbps(r.megabytes, r.readDatasetChunks)})`,
        r.numpyLoadtxt ? `${r.numpyLoadtxt.seconds.toFixed(2)} s (${mbps(r.megabytes, r.numpyLoadtxt.seconds)})` : 'not run',
        r.numpyLoadtxt ? (r.numpyLoadtxt.seconds / r.loadDataset).toFixed(2) : '-',
        r.numpyLoadtxt ? (r.numpyLoadtxt.seconds / r.readDatasetChunks).toFixed(2) : '-',
      ]),
    ]),
  );
  if (formats.length > 0) {
    console.log(
      table([
        ['format', 'file', 'KB', 'spectra x points', 'per read', 'speed'],
        ...formats.map((f) => [f.format, f.file, (f.bytes / 1024).toFixed(0), `${f.spectra} x ${f.points}`, `${(f.seconds * 1000).toFixed(2)} ms`, `${(f.bytes / 1e6 / f.seconds).toFixed(0)} MB/s, ${(f.spectra / f.seconds).toFixed(0)} spectra/s`]),
      ]),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** One real file per spectrum format: best of `repeats` runs of reading it enough times to take at least 0.2 s. */
async function formatSpeeds() {
  const files = [
    ['opus', 'opus/test.0000'],
    ['wdf', 'wdf/line.wdf'],
    ['spa', 'omnic/10-Z22-Si-S7_0.SPA'],
    ['labspec', 'labspec/serie190214-1.txt'],
    ['spc', 'spc/IG_MULTI.SPC'],
  ] as const;
  const out = [];
  for (const [format, file] of files) {
    const path = join(sharedDataDir, 'instrument-files', file);
    if (!existsSync(path)) continue;
    const bytes = new Uint8Array(readFileSync(path));
    const first = await parseSpectrumFile(file, bytes);
    const start = performance.now();
    let runs = 0;
    while (performance.now() - start < 200) {
      await parseSpectrumFile(file, bytes);
      runs++;
    }
    let seconds = Infinity;
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      for (let k = 0; k < runs; k++) await parseSpectrumFile(file, bytes);
      seconds = Math.min(seconds, (performance.now() - t) / 1000 / runs);
    }
    out.push({ format, file, bytes: bytes.length, spectra: first.length, points: first[0]!.axis.length, seconds });
  }
  return out;
}

/** Best of `repeats` timings of `read`, which must read all `count` spectra. */
async function best(read: () => Promise<number>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const n = await read();
    fastest = Math.min(fastest, (performance.now() - start) / 1000);
    if (n !== count) throw new Error(`read ${n} spectra, expected ${count}`);
  }
  return fastest;
}
