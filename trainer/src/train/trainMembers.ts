import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildModel } from '../model/buildModel.js';
import type { FitResult } from './fitModel.js';
import { fitMember } from './fitMember.js';
import type { MemberJob, MemberMessage } from './memberJob.js';
import type { TrainHooks } from './trainOptions.js';

export interface TrainedMember {
  model: LayersModel;
  fit: FitResult;
  seed: number;
  /** Fresh initialisations it took because the earlier ones learned nothing (see fitMember). */
  restarts?: number;
}

/**
 * Trains the members of an ensemble (jobs differ only in their seeds), in worker threads when
 * there is more than one member and more than one core, else one after another in this thread.
 * Stops at an abort with the members trained so far (the current ones keep their best weights).
 */
export async function trainMembers(jobs: MemberJob[], hooks: TrainHooks, parallel = Math.min(jobs.length, availableParallelism())): Promise<TrainedMember[]> {
  if (jobs.length > 1 && parallel > 1) return inWorkers(jobs, hooks, parallel);
  const out: TrainedMember[] = [];
  for (const job of jobs) {
    const { model, fit, restarts } = await fitMember(job, {
      signal: hooks.signal,
      onEpoch: ({ epoch, epochs, record, bestEpoch }) => progress(hooks, { type: 'epoch', member: job.member, epoch, epochs, loss: record.loss, valLoss: record.valLoss, valAccuracy: record.valAccuracy, bestEpoch, seconds: record.seconds }, jobs.length),
    });
    out.push({ model, fit, seed: job.network.seed, ...(restarts > 0 ? { restarts } : {}) });
    if (fit.interrupted) break;
  }
  return out;
}

function progress(hooks: TrainHooks, m: Extract<MemberMessage, { type: 'epoch' }>, members: number) {
  hooks.onProgress?.({ stage: 'train', epoch: m.epoch, epochs: m.epochs, loss: m.loss, valLoss: m.valLoss, valAccuracy: m.valAccuracy, bestEpoch: m.bestEpoch, secondsPerEpoch: m.seconds, member: m.member, members });
}

/** A worker running memberWorker beside this file; from TypeScript sources it first loads tsx, as this process did. */
function startWorker(job: MemberJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./memberWorker.js', import.meta.url), { workerData: job });
  const entry = new URL('./memberWorker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: job, execArgv: ['--conditions=source'] });
}

async function inWorkers(jobs: MemberJob[], hooks: TrainHooks, parallel: number): Promise<TrainedMember[]> {
  const results = new Map<number, TrainedMember>();
  const queue = [...jobs];
  const running = new Set<Worker>();
  const onAbort = () => running.forEach((w) => w.postMessage({ type: 'abort' }));
  hooks.signal?.addEventListener('abort', onAbort);
  const runOne = (job: MemberJob) =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker(job);
      running.add(worker);
      worker.on('message', (m: MemberMessage) => {
        if (m.type === 'epoch') progress(hooks, m, jobs.length);
        else if (m.type === 'error') reject(new Error(`ensemble member ${job.member + 1}: ${m.message}`));
        else {
          const model = buildModel(job.network);
          const tensors = m.result.weights.map((w) => tf.tensor(w.values, w.shape));
          model.setWeights(tensors);
          tf.dispose(tensors);
          results.set(job.member, { model, fit: m.result.fit, seed: job.network.seed, ...(m.result.restarts > 0 ? { restarts: m.result.restarts } : {}) });
          void worker.terminate();
          resolve();
        }
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        running.delete(worker);
        resolve();
      });
    });
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          if (hooks.signal?.aborted) return;
          await runOne(job);
        }
      }),
    );
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }
  // In member order; after an abort, the ones that finished (each with its best weights so far).
  return jobs.map((j) => results.get(j.member)).filter((t): t is TrainedMember => t !== undefined);
}
