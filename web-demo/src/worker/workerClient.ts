import type { Request, Response } from './protocol.js';

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void };
type Payload<R> = R extends { id: number } ? Omit<R, 'id'> : never;

/** Promise-based calls into the inference worker; an `error` reply rejects with its message (and its `extendEnds`, where it has one). */
export class WorkerClient {
  #worker: Worker;
  #next = 1;
  #pending = new Map<number, Pending>();

  constructor() {
    this.#worker = new Worker(new URL('./inferenceWorker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<Response>) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.type === 'error') pending.reject(Object.assign(new Error(reply.message), reply.extendEnds === undefined ? {} : { extendEnds: reply.extendEnds }));
      else pending.resolve(reply);
    };
    this.#worker.onerror = (event) => {
      const error = new Error(`inference worker failed: ${event.message}`);
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
  }

  /** Stops the worker; pending calls reject. */
  terminate(): void {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('the inference worker was stopped'));
    this.#pending.clear();
  }

  call<T extends Response['type']>(request: Payload<Request>, transfer: Transferable[] = []): Promise<Extract<Response, { type: T }>> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (r: Response) => void, reject });
      this.#worker.postMessage({ ...request, id }, transfer);
    });
  }
}
