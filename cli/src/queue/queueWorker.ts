import { Worker, type Job } from 'bullmq';
import type { BackendName } from '@spectracam/trainer';
import { QUEUE_NAME, redisClient, whenReachable } from './queueConnection.js';
import type { ExplainJobData } from './queueJobs.js';
import type { TrainJobData } from './trainJobData.js';
import { runTrainJob, type DatasetCache } from './trainJob.js';
import { runExplainShardJob, type ModelCache } from './explainShardJob.js';

export interface QueueWorkerOptions {
  queue: string;
  /** Jobs this process runs at once. @default 1 */
  concurrency?: number;
  /** Overrides the evaluation's training backend. */
  backend?: BackendName;
  /** ONNX Runtime threads per explain session. */
  threads?: number;
  /** How long a job's lock lives without renewal: a killed worker's job is taken over after it. @default 30000 */
  lockDuration?: number;
  /** How often this worker looks for jobs whose worker died. @default 30000 */
  stalledInterval?: number;
  /** What the worker has to say (the CLI prints it; library code does not). */
  onEvent?: (line: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs; resolves when the active ones have finished (force: at once, they go back to the queue). */
  close(force?: boolean): Promise<void>;
  /** Resolves once the worker is connected and waiting for jobs. */
  ready: Promise<void>;
}

/** A BullMQ worker for both kinds of job, with the data sets and models it opened kept for later jobs. */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const datasets: DatasetCache = new Map();
  const models: ModelCache = new Map();
  const say = options.onEvent ?? (() => {});
  const connection = redisClient(options.queue);
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      say(`started ${job.name} ${job.id} (${label(job)}, attempt ${job.attemptsMade + 1})`);
      if (job.name === 'train') return runTrainJob(job as Job<TrainJobData>, datasets, options.backend);
      if (job.name === 'explain') return runExplainShardJob(job as Job<ExplainJobData>, models, options.threads);
      throw new Error(`job ${job.id}: unknown kind '${job.name}' (this worker runs train and explain jobs)`);
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      // A job whose worker died twice is more likely the cause than the victim.
      maxStalledCount: 2,
      autorun: true,
    },
  );
  worker.on('completed', (job, result: { seconds?: number; setupSeconds?: number }) =>
    say(`completed ${job.name} ${job.id} (${label(job)}): ${result?.setupSeconds?.toFixed(3) ?? '?'} s setup, ${result?.seconds?.toFixed(3) ?? '?'} s work`),
  );
  worker.on('failed', (job, error) => say(`failed ${job?.name ?? ''} ${job?.id ?? ''}: ${error.message}`));
  // An unreachable server repeats the same error many times a second: say it once per change.
  let lastError = '';
  worker.on('error', (error) => {
    if (error.message !== lastError) say(`queue error: ${(lastError = error.message)}`);
  });
  return {
    ready: whenReachable(options.queue, [worker.waitUntilReady()]),
    async close(force = false) {
      await worker.close(force);
      connection.disconnect();
      for (const m of models.values()) await m.then((x) => x.model.dispose()).catch(() => undefined);
    },
  };
}

function label(job: Job): string {
  const data = job.data as Partial<TrainJobData & ExplainJobData>;
  return data.run ?? (data.shard !== undefined ? `shard ${data.shard}` : '?');
}
