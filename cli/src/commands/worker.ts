import type { CommandModule } from 'yargs';

interface WorkerArgs {
  queue: string;
  concurrency: number;
  backend: 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
  threads?: number;
  lockDuration: number;
  stalledInterval: number;
}

export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: 'worker',
  describe: 'Take training and explain jobs from a Redis queue (evaluate --queue, explain --queue) until stopped',
  builder: (yargs) =>
    yargs
      .option('queue', { type: 'string', demandOption: true, describe: 'Redis address, redis://HOST:PORT[/DB]' })
      .option('concurrency', { type: 'number', default: 1, describe: 'jobs this process runs at once (1 for a worker per GPU; on CPU machines up to cores / 2)' })
      .option('backend', { choices: ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const, describe: "training backend; default: the evaluation's (the same backend gives the same runs)" })
      .option('threads', { type: 'number', describe: 'ONNX Runtime threads per explain job' })
      .option('lock-duration', { type: 'number', default: 30_000, describe: "ms a job's lock lives without renewal: a killed worker's job goes to another after about this long" })
      .option('stalled-interval', { type: 'number', default: 30_000, describe: 'ms between checks for jobs whose worker died' })
      .check((a) => {
        if (!(Number.isInteger(a.concurrency) && a.concurrency >= 1)) throw new Error(`--concurrency must be a whole number >= 1, got ${a.concurrency}`);
        return true;
      })
      .example('$0 worker --queue redis://10.0.0.5:6379', 'one worker on this machine')
      .example('CUDA_VISIBLE_DEVICES=1 $0 worker --queue redis://10.0.0.5:6379 --backend tensorflow', 'one worker per GPU') as never,
  handler: async (args) => {
    const { startQueueWorker } = await import('../queue/queueWorker.js');
    const say = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
    const worker = startQueueWorker({
      queue: args.queue,
      concurrency: args.concurrency,
      ...(args.backend ? { backend: args.backend } : {}),
      ...(args.threads !== undefined ? { threads: args.threads } : {}),
      lockDuration: args.lockDuration,
      stalledInterval: args.stalledInterval,
      onEvent: say,
    });
    try {
      await worker.ready;
    } catch (error) {
      await worker.close(true);
      throw error;
    }
    say(`worker ready on ${args.queue} (concurrency ${args.concurrency}); SIGTERM or Ctrl-C finishes the active jobs and exits, a second one hands them back at once`);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          say(`${signal} again: handing the active jobs back to the queue`);
          void worker.close(true).finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
          return;
        }
        stopping = true;
        say(`${signal}: finishing the active jobs, taking no new ones`);
        void worker.close().then(resolve, resolve);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    say('worker stopped');
  },
};
