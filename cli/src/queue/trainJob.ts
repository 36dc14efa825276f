import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Dataset } from '@spectracam/data';
import type { BackendName } from '@spectracam/trainer';
import type { JobProgress } from './queueJobs.js';
import type { TrainJobData, TrainJobResult } from './trainJobData.js';

/** Data sets a worker has read, by reader options: the repeats of an evaluation share one read. */
export type DatasetCache = Map<string, Promise<{ dataset: Dataset; fingerprint: string }>>;

/**
 * Trains one run of an evaluation with study's trainPartitionRun, the function the in-process
 * evaluation calls, so equal seeds give equal runs. Errors of the input (data not readable here,
 * other data than the coordinator's, no split file) are UnrecoverableError: a retry would fail
 * the same way, so the job fails once and the coordinator shows why.
 */
export async function runTrainJob(job: Job<TrainJobData>, cache: DatasetCache, backendOverride?: BackendName): Promise<TrainJobResult> {
  const setupStarted = performance.now();
  const [study, data, trainer] = await Promise.all([import('@spectracam/study'), import('@spectracam/data'), import('@spectracam/trainer')]);
  const { reader, fingerprint, dir, splitFile, initSeed, train, run } = job.data;
  const key = JSON.stringify(reader);
  if (!cache.has(key)) {
    const loading = data.loadDataset(reader).then((dataset) => ({ dataset, fingerprint: data.datasetFingerprint(dataset) }));
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
  }
  let loaded: { dataset: Dataset; fingerprint: string };
  try {
    loaded = await cache.get(key)!;
  } catch (error) {
    throw new UnrecoverableError(`run ${run}: ${reader.data} cannot be read on ${hostname()} (${(error as Error).message}); every worker must see the data at the same path (shared storage)`);
  }
  if (loaded.fingerprint !== fingerprint) {
    throw new UnrecoverableError(
      `run ${run}: ${reader.data} on ${hostname()} is other data (fingerprint ${loaded.fingerprint.slice(0, 12)}) than the coordinator read (${fingerprint.slice(0, 12)}); every worker must see the same file`,
    );
  }
  if (!existsSync(splitFile)) throw new UnrecoverableError(`run ${run}: split file ${splitFile} is missing on ${hostname()}; the evaluation folder must be on storage every worker shares`);
  const backend = await trainer.setBackend(backendOverride ?? job.data.backend);
  const started = performance.now();
  let last = 0;
  const { record, model } = await study.trainPartitionRun(loaded.dataset, { dir, splitFile, initSeed, train }, {
    onProgress: (p) => {
      // A progress event per epoch at most once a second: the queue is not a log.
      if (p.stage !== 'train' || p.epoch === undefined || !p.epochs || performance.now() - last < 1000) return;
      last = performance.now();
      // `members` counts the members trained in this call (some may be kept from preprocessing's choice): name the member alone.
      const member = p.member !== undefined && p.members !== undefined && p.members > 1 ? ` member ${p.member + 1}` : '';
      const progress: JobProgress = { fraction: p.epoch / p.epochs, message: `${run}${member} epoch ${p.epoch}/${p.epochs}` };
      void job.updateProgress(progress as unknown as object).catch(() => undefined);
    },
  });
  model.dispose();
  if (record.status !== 'complete') throw new Error(`run ${run}: training ended ${record.status}`);
  const seconds = (performance.now() - started) / 1000;
  return { run, dir, epochsRun: record.training.epochsRun, seconds, setupSeconds: (started - setupStarted) / 1000, backend, worker: `${hostname()}:${process.pid}` };
}
