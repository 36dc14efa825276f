import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Dataset, ReaderOptions, SplitProtocol } from '@spectracam/data';
import type { PartitionTrainer } from '@spectracam/study';
import type { BackendName, TrainOptions } from '@spectracam/trainer';
import { QUEUE_NAME, jobId, redisClient, whenReachable } from './queueConnection.js';
import type { JobProgress } from './queueJobs.js';
import type { TrainJobData, TrainJobResult } from './trainJobData.js';

export interface EvaluateCoordinatorOptions {
  queue: string;
  dataset: Dataset;
  /** How the data was read, every path absolute (workers read the same). */
  reader: ReaderOptions;
  /** Absolute evaluation folder, on storage every worker shares. */
  out: string;
  partitions: number;
  repeats: number;
  protocol: 'auto' | SplitProtocol;
  /** Shares of train, validation and test (evaluate's default 7:1:2 when absent). */
  ratios?: [number, number, number];
  train: TrainOptions;
  backend: BackendName;
  /** Files the user named (data, side files): the folder may not be one of them. */
  inputs: readonly (string | undefined)[];
  /** Ends the wait for jobs (Ctrl-C): the jobs stay queued, a rerun finds them again. */
  signal?: AbortSignal;
  /** Queue events as they come: finished and failed jobs, progress of running ones. */
  onEvent?: (event: { kind: 'queued' | 'completed' | 'failed' | 'progress'; run: string; message: string; done: number; total: number }) => void;
}

export interface EvaluateCoordinator {
  /** Puts one job per (partition, repeat) whose run folder is not finished on the queue (or finds it there). */
  enqueue(): Promise<{ queued: number; finished: number; total: number }>;
  /** For study's evaluate: waits for the run's job, then reads the run its worker wrote. */
  trainer: PartitionTrainer;
  close(): Promise<void>;
}

const DEFAULT_JOB = { attempts: 2, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false } as const;

/**
 * The coordinator of a queued evaluation: study's evaluate runs as in process, with a trainer that
 * waits for the queue instead of training. Job ids come from the data fingerprint, the settings,
 * the split and the folder, so a restarted coordinator re-attaches to its jobs; finished runs
 * are never queued again (their folders are the results).
 */
export async function createEvaluateCoordinator(options: EvaluateCoordinatorOptions): Promise<EvaluateCoordinator> {
  const [study, data] = await Promise.all([import('@spectracam/study'), import('@spectracam/data')]);
  const clients = [redisClient(options.queue), redisClient(options.queue)];
  const queue = new Queue(QUEUE_NAME, { connection: clients[0]! });
  const events = new QueueEvents(QUEUE_NAME, { connection: clients[1]! });
  try {
    await whenReachable(options.queue, [queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (error) {
    await Promise.allSettled([events.close(), queue.close()]);
    for (const c of clients) c.disconnect();
    throw error;
  }
  const fingerprint = data.datasetFingerprint(options.dataset);
  const jobs = new Map<string, Job<TrainJobData>>();
  const runs = new Map<string, string>();
  const total = (options.partitions + 1) * options.repeats;
  let done = 0;
  let failure: Error | undefined;
  const failed = new Set<(e: Error) => void>();
  const emit = (kind: 'queued' | 'completed' | 'failed' | 'progress', id: string, message: string) => options.onEvent?.({ kind, run: runs.get(id) ?? id, message, done, total });
  events.on('progress', ({ jobId: id, data: p }) => {
    if (runs.has(id)) emit('progress', id, (p as unknown as JobProgress).message ?? '');
  });
  events.on('completed', ({ jobId: id, returnvalue }) => {
    if (!runs.has(id)) return;
    done++;
    const r = returnvalue as unknown as TrainJobResult;
    emit('completed', id, `${runs.get(id)} trained on ${r?.worker ?? '?'} in ${r?.seconds?.toFixed(1) ?? '?'} s`);
  });
  events.on('failed', ({ jobId: id, failedReason }) => {
    if (!runs.has(id)) return;
    void Job.fromId(queue, id).then(async (job) => {
      // A failed attempt that will be retried is not the end of the job.
      if (!job || (await job.getState()) !== 'failed') return;
      failure ??= new Error(`queued run ${runs.get(id)} (job ${id}) failed after ${job.attemptsMade} attempt${job.attemptsMade === 1 ? '' : 's'}: ${failedReason}`);
      emit('failed', id, failure.message);
      for (const reject of failed) reject(failure);
    }).catch(() => {
      // The coordinator already stopped (waitUntilFinished rejected on the same failure) and closed
      // its connections: nothing is left to tell, and an unhandled rejection would crash the exit.
    });
  });

  async function add(run: string, payload: TrainJobData): Promise<Job<TrainJobData>> {
    const hash = createHash('sha256').update(JSON.stringify([fingerprint, payload.train, payload.backend, payload.initSeed, payload.dir, readFileSync(payload.splitFile, 'utf8')])).digest('hex');
    const id = jobId('train', hash, run);
    runs.set(id, run);
    const existing = await Job.fromId<TrainJobData>(queue, id);
    const state = existing ? await existing.getState() : undefined;
    // A job that failed (or finished while its run folder has gone since) is tried again from scratch.
    if (existing && (state === 'failed' || state === 'completed')) await existing.remove();
    else if (existing) return existing;
    const job = await queue.add('train', payload, { ...DEFAULT_JOB, jobId: id });
    emit('queued', id, `${run} queued`);
    return job;
  }

  function payload(partition: number, repeat: number): TrainJobData {
    return {
      run: `p${partition}-r${repeat}`,
      reader: options.reader,
      fingerprint,
      dir: join(options.out, study.runDirName(partition, repeat)),
      splitFile: join(options.out, 'splits', `p${partition}.csv`),
      initSeed: repeat + 1,
      train: options.train,
      backend: options.backend,
    };
  }

  return {
    async enqueue() {
      let queued = 0;
      let finished = 0;
      const splitter = study.monteCarloSplitter({ partitions: options.partitions, protocol: options.protocol, ...(options.ratios ? { ratios: options.ratios } : {}) });
      // The folder is claimed (as evaluate does) before the split files go in, so evaluate knows it as its own.
      await data.checkOutput(options.out, { what: 'evaluation folder', folder: true, inputs: options.inputs, isOwn: study.isEvaluationFolder });
      await mkdir(join(options.out, 'splits'), { recursive: true });
      const mark = join(options.out, study.EVALUATION_MARK);
      if (!existsSync(mark)) await data.writeFileAtomic(mark, `${JSON.stringify({ format: 'spectracam-evaluation-folder', version: 1, data: options.dataset.source })}\n`);
      for await (const partition of splitter.partitions(options.dataset)) {
        // The same split file the in-process estimator writes: workers train on it.
        await data.writeFileAtomic(join(options.out, 'splits', `p${partition.index}.csv`), study.splitTable(options.dataset.ids.length, partition));
        for (let repeat = 0; repeat < options.repeats; repeat++) {
          const p = payload(partition.index, repeat);
          if (finishedRun(p.dir)) {
            finished++;
            continue;
          }
          jobs.set(p.dir, await add(p.run, p));
          queued++;
        }
      }
      done = finished;
      return { queued, finished, total };
    },
    trainer: async (_dataset, request) => {
      let job = jobs.get(request.dir);
      if (!job) {
        // A finished run the estimator will not reuse (--force with other settings): queue it now.
        const [, partition, repeat] = /p(\d+)-r(\d+)$/.exec(request.dir) ?? [];
        job = await add(`p${partition}-r${repeat}`, { ...payload(Number(partition), Number(repeat)), dir: request.dir, splitFile: request.splitFile, initSeed: request.initSeed, train: request.train });
        jobs.set(request.dir, job);
      }
      if (failure) throw failure;
      let reject: (e: Error) => void = () => {};
      const stopped = new Promise<never>((_, r) => {
        reject = r;
        failed.add(r);
        options.signal?.addEventListener('abort', () => r(new Error('interrupted: the queued jobs go on; rerun the same command to collect them')), { once: true });
      });
      let result: TrainJobResult;
      try {
        result = (await Promise.race([job.waitUntilFinished(events), stopped])) as TrainJobResult;
      } catch (error) {
        if (failure) throw failure;
        throw error instanceof Error && !/^interrupted/.test(error.message) ? new Error(`queued run ${runs.get(job.id!)} (job ${job.id}) failed: ${error.message}`) : error;
      } finally {
        failed.delete(reject);
      }
      const { readRun } = await import('@spectracam/trainer');
      // The run's time is the worker's training, not this process's wait for it.
      return { ...(await readRun(request.dir)), ...(typeof result?.seconds === 'number' ? { seconds: result.seconds } : {}) };
    },
    async close() {
      await Promise.allSettled([events.close(), queue.close()]);
      for (const c of clients) c.disconnect();
    },
  };
}

function finishedRun(dir: string): boolean {
  const path = join(dir, 'run.json');
  if (!existsSync(path)) return false;
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as { format?: string; status?: string };
    return record.format === 'spectracam-run' && record.status === 'complete';
  } catch {
    return false;
  }
}
