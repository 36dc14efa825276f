import { resolve } from 'node:path';
import type { ReaderOptions } from '@spectracam/data';
import { createEvaluateCoordinator, type EvaluateCoordinator, type EvaluateCoordinatorOptions } from './evaluateCoordinator.js';

export type QueuedEvaluationOptions = Omit<EvaluateCoordinatorOptions, 'inputs' | 'signal' | 'onEvent'> & {
  signal: AbortSignal;
  /** The progress bar: how many runs are done of how many, and what the queue last said. */
  onProgress: (done: number, total: number, message: string) => void;
  /** Lines worth keeping in the terminal (failures). */
  onLine: (line: string) => void;
};

/**
 * `evaluate --queue`: every path absolute (workers run elsewhere), the jobs queued, and the
 * coordinator whose trainer study's evaluate uses in place of training here.
 */
export async function startQueuedEvaluation(options: QueuedEvaluationOptions): Promise<EvaluateCoordinator & { out: string }> {
  const out = resolve(options.out);
  const reader: ReaderOptions = { ...options.reader, data: resolve(options.reader.data) };
  if (reader.labels) reader.labels = resolve(reader.labels);
  if (reader.groups) reader.groups = resolve(reader.groups);
  const coordinator = await createEvaluateCoordinator({
    ...options,
    out,
    reader,
    inputs: [reader.data, reader.labels, reader.groups],
    onEvent: (e) => {
      if (e.kind === 'failed') options.onLine(`error: ${e.message}`);
      options.onProgress(e.done, e.total, e.message);
    },
  });
  try {
    const { queued, finished, total } = await coordinator.enqueue();
    options.onLine(`queue ${options.queue}: ${queued} runs queued or found queued, ${finished} of ${total} finished earlier; waiting for workers (spectracam worker --queue ${options.queue})`);
    options.onProgress(finished, total, 'waiting for workers');
  } catch (error) {
    await coordinator.close();
    throw error;
  }
  return { ...coordinator, out };
}
