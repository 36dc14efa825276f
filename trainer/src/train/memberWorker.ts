import { parentPort, workerData } from 'node:worker_threads';
import { setBackend, type BackendName } from '../backends/setBackend.js';
import { fitMember } from './fitMember.js';
import type { MemberJob, MemberMessage } from './memberJob.js';

// One ensemble member trained in a worker thread: TensorFlow.js's wasm backend runs one thread
// per process, so members in parallel workers use the other cores.
const job = workerData as MemberJob;
const port = parentPort!;
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'abort') controller.abort();
});
const post = (message: MemberMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
try {
  await setBackend(job.backend as BackendName);
  const { model, fit, restarts } = await fitMember(job, {
    signal: controller.signal,
    onEpoch: ({ epoch, epochs, record, bestEpoch }) =>
      post({ type: 'epoch', member: job.member, epoch, epochs, loss: record.loss, valLoss: record.valLoss, valAccuracy: record.valAccuracy, bestEpoch, seconds: record.seconds }),
  });
  const weights = model.getWeights().map((w) => ({ shape: w.shape, values: Float32Array.from(w.dataSync() as Float32Array) }));
  post({ type: 'done', result: { member: job.member, weights, fit, restarts } }, weights.map((w) => w.values.buffer as ArrayBuffer));
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
