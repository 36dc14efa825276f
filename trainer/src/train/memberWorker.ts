import { parentPort, workerData } from 'node:worker_threads';
import { setBackend, type BackendName } from '../backends/setBackend.js';
import { buildModel } from '../model/buildModel.js';
import { fitModel } from './fitModel.js';
import { setWeightsFrom, type MemberJob, type MemberMessage } from './memberJob.js';

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
  const model = buildModel(job.network);
  if (job.initialWeights) setWeightsFrom(model, job.initialWeights);
  const spectra = Array.from({ length: job.labels.length }, (_, i) => job.spectra.subarray(i * job.p, (i + 1) * job.p));
  const fit = await fitModel(model, { spectra, labels: job.labels, classes: job.classes, train: job.train, validation: job.validation }, job.fit, {
    signal: controller.signal,
    onEpoch: ({ epoch, epochs, record, bestEpoch }) =>
      post({ type: 'epoch', member: job.member, epoch, epochs, loss: record.loss, valLoss: record.valLoss, valAccuracy: record.valAccuracy, bestEpoch, seconds: record.seconds }),
  });
  const weights = model.getWeights().map((w) => ({ shape: w.shape, values: Float32Array.from(w.dataSync() as Float32Array) }));
  post({ type: 'done', result: { member: job.member, weights, fit } }, weights.map((w) => w.values.buffer as ArrayBuffer));
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
