import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Dataset } from '@spectracam/data';
import { QUEUE_NAME, jobId, redisClient, whenReachable } from './queueConnection.js';
import type { ExplainJobData, ExplainJobResult, ExplainSettings, JobProgress } from './queueJobs.js';
import { writeShard, type Shard } from './shardFiles.js';

export interface ExplainCoordinatorOptions {
  queue: string;
  /** Absolute model path and its SHA-256. */
  model: string;
  modelSha: string;
  /** The input in pieces, as explain reads it. */
  pieces: AsyncIterable<Dataset>;
  /** Absolute output folder (parts and shard inputs), on storage every worker shares. */
  out: string;
  shardSize: number;
  settings: ExplainSettings;
  signal?: AbortSignal;
  onProgress?: (progress: { spectra: number; shardsDone: number; shards: number; message: string }) => void;
}

export interface ExplainCoordinatorResult {
  shards: number;
  /** Shards whose part an earlier run wrote (not explained again). */
  kept: number;
  spectra: number;
  parts: string[];
}

const JOB = { attempts: 2, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false } as const;

export const partName = (shard: number) => `part-${String(shard).padStart(5, '0')}.jsonl`;

/**
 * Cuts the input into shards of `shardSize` spectra (a new shard also where the axis changes),
 * writes each shard whose part is missing for the workers and queues it, then waits for every
 * shard. Job ids come from the model, the settings and the shard's content: a rerun finds the
 * jobs of an interrupted one, and skips shards whose part is in place.
 */
export async function coordinateExplain(options: ExplainCoordinatorOptions): Promise<ExplainCoordinatorResult> {
  const clients = [redisClient(options.queue), redisClient(options.queue)];
  const queue = new Queue(QUEUE_NAME, { connection: clients[0]! });
  const events = new QueueEvents(QUEUE_NAME, { connection: clients[1]! });
  try {
    await whenReachable(options.queue, [queue.waitUntilReady(), events.waitUntilReady()]);
    await mkdir(join(options.out, 'shards'), { recursive: true });
    const ids = new Set<string>();
    const waits: Promise<unknown>[] = [];
    let shards = 0;
    let kept = 0;
    let spectra = 0;
    let explained = 0;
    let done = 0;
    const report = (message: string) => options.onProgress?.({ spectra: explained, shardsDone: done, shards, message });
    events.on('progress', ({ jobId: id, data }) => void (ids.has(id) && report((data as unknown as JobProgress).message)));
    events.on('completed', ({ jobId: id, returnvalue }) => {
      if (!ids.has(id)) return;
      const r = returnvalue as unknown as ExplainJobResult;
      done++;
      explained += r.spectra;
      report(`shard ${r.shard}: ${r.spectra} spectra on ${r.worker} in ${r.seconds.toFixed(1)} s`);
    });
    let failure: ((e: Error) => void) | undefined;
    const failed = new Promise<never>((_, reject) => (failure = reject));
    failed.catch(() => undefined);
    options.signal?.addEventListener('abort', () => failure!(new Error('interrupted: the queued shards go on; rerun the same command to collect them')), { once: true });

    const flush = async (shard: Shard) => {
      const index = shards++;
      spectra += shard.ids.length;
      const part = join(options.out, partName(index));
      if (existsSync(part)) {
        kept++;
        done++;
        return;
      }
      const input = join(options.out, 'shards', `s${String(index).padStart(5, '0')}`);
      await writeShard(input, shard);
      const content = createHash('sha256').update(JSON.stringify([options.modelSha, options.settings, shard.ids, shard.labels, [...shard.axis]]));
      for (const s of shard.spectra) content.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
      const id = jobId('explain', content.digest('hex'), `s${index}`);
      ids.add(id);
      const data: ExplainJobData = { shard: index, model: options.model, modelSha: options.modelSha, input, part, settings: options.settings };
      const existing = await Job.fromId<ExplainJobData>(queue, id);
      const state = existing ? await existing.getState() : undefined;
      if (existing && (state === 'failed' || state === 'completed')) await existing.remove();
      const job = existing && state !== 'failed' && state !== 'completed' ? existing : await queue.add('explain', data, { ...JOB, jobId: id });
      waits.push(
        job.waitUntilFinished(events).catch(async (error: Error) => {
          const attempts = (await Job.fromId(queue, id))?.attemptsMade ?? '?';
          failure!(new Error(`shard ${index} (job ${id}) failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${error.message}`));
        }),
      );
      report(`shard ${index} queued`);
    };

    let buffer: Shard | undefined;
    for await (const piece of options.pieces) {
      for (let k = 0; k < piece.ids.length; k++) {
        // One axis per shard: a piece on another axis starts a new one.
        if (buffer && (buffer.ids.length >= options.shardSize || !sameAxis(buffer.axis, piece.axis) || buffer.unit !== piece.unit)) {
          await flush(buffer);
          buffer = undefined;
        }
        buffer ??= { source: piece.source, ids: [], labels: [], axis: piece.axis, unit: piece.unit, points: piece.axis.length, spectra: [] };
        buffer.ids.push(piece.ids[k]!);
        buffer.labels.push(piece.labels[k] ?? '');
        buffer.spectra.push(piece.spectra[k]!);
      }
    }
    if (buffer) await flush(buffer);
    report(`${shards} shards, ${shards - kept} queued; waiting for workers`);
    await Promise.race([Promise.all(waits), failed]);
    return { shards, kept, spectra, parts: Array.from({ length: shards }, (_, i) => join(options.out, partName(i))) };
  } finally {
    await Promise.allSettled([events.close(), queue.close()]);
    for (const c of clients) c.disconnect();
  }
}

function sameAxis(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The marker of an explain output folder: what its parts were made from. */
export const EXPLAIN_MARK = 'explain.json';

export async function readExplainMark(out: string): Promise<Record<string, unknown> | undefined> {
  try {
    const mark = JSON.parse(await readFile(join(out, EXPLAIN_MARK), 'utf8')) as Record<string, unknown>;
    return mark.format === 'spectracam-explain-parts' ? mark : undefined;
  } catch {
    return undefined;
  }
}
