import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { UnrecoverableError, type Job } from 'bullmq';
import type { SpectraModel } from '@spectracam/runtime';
import type { ExplainJobData, ExplainJobResult, JobProgress } from './queueJobs.js';

/** Models a worker has opened, by path, with the SHA-256 of the file they were opened from. */
export type ModelCache = Map<string, Promise<{ model: SpectraModel; sha: string }>>;

export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/**
 * Explains one shard as `explain --json` would and writes its JSON-lines part atomically (temp
 * + rename), then removes the shard's input. A model or shard this worker cannot read, or
 * another model file than the coordinator's, fails the shard once (UnrecoverableError).
 */
export async function runExplainShardJob(job: Job<ExplainJobData>, models: ModelCache, threads?: number): Promise<ExplainJobResult> {
  const started = performance.now();
  const { shard: index, model: path, modelSha, input, part, settings } = job.data;
  // A worker that died between writing the part and reporting it leaves the part and no input: it is done.
  if (existsSync(part) && !existsSync(`${input}.json`)) {
    const text = await readFile(part, 'utf8');
    return { shard: index, spectra: text === '' ? 0 : text.split('\n').length - 1, seconds: 0, setupSeconds: (performance.now() - started) / 1000, worker: `${hostname()}:${process.pid}` };
  }
  const { loadModel } = await import('@spectracam/runtime');
  const { writeFileAtomic } = await import('@spectracam/data');
  const { axisOption } = await import('../runtime/modelInputs.js');
  const { bandTableOption } = await import('../runtime/bandTableOption.js');
  const { explanationJson } = await import('../runtime/explanationJson.js');
  const { readShard } = await import('./shardFiles.js');
  const cached = await models.get(path)?.catch(() => undefined);
  if (!cached || cached.sha !== modelSha) {
    if (cached) await cached.model.dispose();
    const opening = (async () => ({ sha: await fileSha256(path), model: await loadModel(path, threads === undefined ? {} : { threads }) }))();
    models.set(path, opening);
    opening.catch(() => models.delete(path));
  }
  let model: SpectraModel;
  let sha: string;
  try {
    ({ model, sha } = await models.get(path)!);
  } catch (error) {
    throw new UnrecoverableError(`shard ${index}: model ${path} cannot be opened on ${hostname()} (${(error as Error).message})`);
  }
  if (sha !== modelSha) throw new UnrecoverableError(`shard ${index}: ${path} on ${hostname()} is another file (sha256 ${sha.slice(0, 12)}) than the coordinator's (${modelSha.slice(0, 12)})`);
  let shard;
  try {
    shard = await readShard(input);
  } catch (error) {
    throw new UnrecoverableError(`shard ${index}: ${(error as Error).message}; the --out folder must be on storage every worker shares`);
  }
  const explainStarted = performance.now();
  const bands = await bandTableOption(settings.bands, model.axis);
  const known = new Set(model.classes);
  // As explain: labels that are all model classes are echoed, and need the full map.
  const scored = shard.labels.length > 0 && shard.labels.every((l) => known.has(l));
  const options = {
    ...axisOption(shard.axis, model.axis, settings.extendEnds),
    names: shard.ids,
    class: settings.class,
    top: settings.top,
    alignment: settings.alignment,
    method: settings.method,
    full: settings.full || scored,
    ...(bands ? { bands } : {}),
  };
  const lines: string[] = [];
  for await (const e of model.explainStream(shard.spectra, options)) {
    const k = lines.length;
    lines.push(explanationJson(shard.ids[k]!, e, settings.full, scored ? shard.labels[k] : undefined));
    if (k % 1024 === 1023) {
      const progress: JobProgress = { fraction: lines.length / shard.ids.length, message: `shard ${index}: ${lines.length}/${shard.ids.length} spectra` };
      void job.updateProgress(progress as unknown as object).catch(() => undefined);
    }
  }
  await writeFileAtomic(part, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  // The part is the shard's result; its input is no longer needed once the part is in place.
  await Promise.all([rm(`${input}.f32`, { force: true }), rm(`${input}.json`, { force: true })]);
  const seconds = (performance.now() - explainStarted) / 1000;
  return { shard: index, spectra: lines.length, seconds, setupSeconds: (explainStarted - started) / 1000, worker: `${hostname()}:${process.pid}` };
}
