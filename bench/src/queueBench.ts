/**
 * Issue 22's measurement: the Redis job queue against one process on this machine.
 * - evaluate on meat, 5 partitions (base + 4) x 2 repeats: in process, then 2 local workers;
 * - explain of 100 000 spectra (meat spectra with noise, spectra as rows): `explain --json` in one
 *   process, then `explain --queue` with 2 local workers (shards of 10 000).
 * Per job and per shard, from the workers' logs: time between jobs on a worker (the queue's round
 * trip), setup (reading the data or opening the model, reading the shard) and work.
 *
 *   npm run bench:queue -w bench [-- --epochs 20 --spectra 100000 --shard-size 10000]
 *
 * `--epochs` caps each training (the trainer's default is 300 with early stopping) so the bench
 * fits in minutes; the overhead per job does not depend on it. Writes bench/results/queue.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDataset, seededRandom, writeFileAtomic } from '@spectracam/data';
import { launchRedis } from '@spectracam/test/support/redisServer';
import { MEAT, machineInfo, table } from './benchCommon.js';

const { values: args } = parseArgs({ options: { epochs: { type: 'string', default: '20' }, spectra: { type: 'string', default: '100000' }, 'shard-size': { type: 'string', default: '10000' } } });
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'cli/bin/spectracam.js');
if (!existsSync(MEAT)) throw new Error(`needs ${MEAT} (the shared data sets beside the checkout)`);
const work = mkdtempSync(join(tmpdir(), 'spectracam-queue-bench-'));
const redis = await launchRedis();
const uptime = () => spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
const machine = { ...machineInfo(), uptimeBefore: uptime() };

/** Runs spectracam to its end, standard output into `file` (else dropped); resolves with the wall seconds.
 * Asynchronous, so the workers' logs keep being read meanwhile (a full pipe would stall them). */
function cli(argv: string[], file?: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  if (file) child.stdout.pipe(createWriteStream(file));
  else child.stdout.resume();
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => void (stderr += b.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`spectracam ${argv.join(' ')} exited ${code}:\n${stderr}`)))),
  );
}

interface Worker { child: ChildProcess; log: () => string }
async function workers(n: number): Promise<Worker[]> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = spawn(process.execPath, [bin, 'worker', '--queue', redis.url], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      return new Promise<Worker>((resolve) => {
        child.stdout!.on('data', (b: Buffer) => {
          text += b.toString();
          if (/worker ready/.test(text)) resolve({ child, log: () => text });
        });
      });
    }),
  );
}
async function stop(ws: Worker[]) {
  await Promise.all(ws.map((w) => new Promise((r) => (w.child.once('exit', r), w.child.kill('SIGTERM')))));
}

/** Per job from a worker's log: gap since the worker's previous job ended, setup and work seconds. */
function jobTimes(ws: Worker[]) {
  const jobs: { gap?: number; setup: number; work: number; total: number }[] = [];
  for (const w of ws) {
    let lastEnd: number | undefined;
    let start = 0;
    for (const line of w.log().split('\n')) {
      const m = /^(\S+) (started|completed) \S+ \S+ .*?(?:: ([\d.]+) s setup, ([\d.]+) s work)?$/.exec(line);
      if (!m) continue;
      const t = Date.parse(m[1]!) / 1000;
      if (m[2] === 'started') start = t;
      else {
        jobs.push({ ...(lastEnd !== undefined ? { gap: start - lastEnd } : {}), setup: Number(m[3]), work: Number(m[4]), total: t - start });
        lastEnd = t;
      }
    }
  }
  const mean = (xs: number[]) => (xs.length ? Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)) : null);
  const gaps = jobs.flatMap((j) => (j.gap === undefined ? [] : [j.gap]));
  return {
    jobs: jobs.length,
    meanGapBetweenJobsSeconds: mean(gaps),
    meanSetupSeconds: mean(jobs.map((j) => j.setup)),
    firstSetupSecondsPerWorker: ws.length ? mean(jobs.filter((j) => j.gap === undefined).map((j) => j.setup)) : null,
    meanWorkSeconds: mean(jobs.map((j) => j.work)),
    meanJobSeconds: mean(jobs.map((j) => j.total)),
    // What a job costs beyond its work: the round trip to the next job plus the setup.
    meanOverheadSeconds: mean(jobs.map((j) => (j.gap ?? 0) + j.setup + (j.total - j.setup - j.work))),
  };
}

try {
  // 1. evaluate: 5 partitions x 2 repeats, no baseline (the same in both), the same backend.
  const evalArgs = ['--data', MEAT, '--partitions', '4', '--repeats', '2', '--epochs', args.epochs, '--backend', 'wasm', '--baseline', 'none', '--no-report'];
  const inProcess = await cli(['evaluate', ...evalArgs, '--out', join(work, 'eval-local')]);
  const ws = await workers(2);
  const queued = await cli(['evaluate', ...evalArgs, '--out', join(work, 'eval-queued'), '--queue', redis.url]);
  const evalJobs = jobTimes(ws);
  await stop(ws);
  const strip = (f: string) => JSON.stringify(JSON.parse(readFileSync(f, 'utf8'), (k, v) => (['seconds', 'createdAt', 'secondsPerEpoch'].includes(k) ? undefined : v)));
  const equal = strip(join(work, 'eval-local/results.json')) === strip(join(work, 'eval-queued/results.json'));
  const runSeconds = (JSON.parse(readFileSync(join(work, 'eval-local/results.json'), 'utf8')) as { partitions: { cnn: { runs: { seconds: number }[] } }[] }).partitions.flatMap((p) => p.cnn.runs.map((r) => r.seconds));

  // 2. explain: a meat model, then spectra as rows made from meat's with noise.
  await cli(['train', '--data', MEAT, '--out', join(work, 'run'), '--epochs', args.epochs, '--backend', 'wasm']);
  await cli(['export', join(work, 'run'), '--out', join(work, 'meat.onnx')]);
  const meat = await loadDataset({ data: MEAT });
  const random = seededRandom(22);
  const big = join(work, 'spectra.csv');
  const file = createWriteStream(big);
  const write = (text: string) => (file.write(text) ? Promise.resolve() : new Promise<void>((r) => file.once('drain', () => r())));
  await write(`${['id', ...meat.axis].join(',')}\n`);
  for (let i = 0; i < Number(args.spectra); i++) {
    const s = meat.spectra[i % meat.spectra.length]!;
    await write(`x${i},${Array.from(s, (v) => (v * (1 + 0.01 * (random() - 0.5))).toFixed(5)).join(',')}\n`);
  }
  await new Promise<void>((r) => file.end(() => r()));
  const model = join(work, 'meat.onnx');
  const single = await cli(['explain', model, big, '--json'], join(work, 'single.jsonl'));
  const ew = await workers(2);
  const sharded = await cli(['explain', model, big, '--queue', redis.url, '--out', join(work, 'maps'), '--shard-size', args['shard-size']]);
  const shardJobs = jobTimes(ew);
  await stop(ew);
  const partsEqual = spawnSync('sh', ['-c', `cat ${join(work, 'maps')}/part-*.jsonl | cmp -s - ${join(work, 'single.jsonl')}`]).status === 0;

  const result = {
    machine: { ...machine, uptimeAfter: uptime() },
    evaluate: {
      data: 'meat (FreshMeatFTIR.csv, 120 spectra x 448)', partitions: 5, repeats: 2, epochs: Number(args.epochs), backend: 'wasm',
      inProcessSeconds: Number(inProcess.toFixed(2)), twoWorkersSeconds: Number(queued.toFixed(2)), speedup: Number((inProcess / queued).toFixed(2)),
      meanInProcessRunSeconds: Number((runSeconds.reduce((a, b) => a + b, 0) / runSeconds.length).toFixed(3)),
      perJob: evalJobs, resultsEqual: equal,
    },
    explain: {
      spectra: Number(args.spectra), shardSize: Number(args['shard-size']),
      singleProcessSeconds: Number(single.toFixed(2)), twoWorkersSeconds: Number(sharded.toFixed(2)), speedup: Number((single / sharded).toFixed(2)),
      perShard: shardJobs, partsEqualSingleProcess: partsEqual,
    },
  };
  await writeFileAtomic(join(root, 'bench/results/queue.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(table([
    ['', 'one process (s)', '2 workers (s)', 'overhead per job (s)', 'equal'],
    ['evaluate meat 5 x 2', result.evaluate.inProcessSeconds, result.evaluate.twoWorkersSeconds, String(evalJobs.meanOverheadSeconds), String(equal)],
    [`explain ${args.spectra}`, result.explain.singleProcessSeconds, result.explain.twoWorkersSeconds, String(shardJobs.meanOverheadSeconds), String(partsEqual)],
  ]));
  console.log(`${machine.uptimeBefore}\n${result.machine.uptimeAfter}\nbench/results/queue.json`);
} finally {
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}
