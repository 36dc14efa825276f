import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FuzzReader, FuzzReply, FuzzRequest } from './fuzzProtocol.js';

/** What every case must stay within: the issue's bounds. */
export const CASE_MS = 2000;
export const GROWTH_BYTES = 256 * 2 ** 20;
/** A case still running after this long is a hang: the child is killed and the case fails. */
const HANG_MS = 10_000;
const CHILD = fileURLToPath(new URL('./fuzzChild.ts', import.meta.url));

/**
 * A child process that runs the readers on one case at a time (fuzzChild). A case that crashes
 * it, hangs, or grows its resident set past GROWTH_BYTES (watched from here every 20 ms, where
 * /proc tells) fails with what happened instead of taking the test process down with it.
 */
export class FuzzProcess {
  private child!: ChildProcess;
  private baseline = 0;
  private peak = 0;
  private stderr = '';
  private next = 0;
  /** Child CPU time (user + system) when it was last asked, ms. */
  cpuMs = 0;

  static async start(): Promise<FuzzProcess> {
    const harness = new FuzzProcess();
    await harness.spawn();
    return harness;
  }

  private spawn(): Promise<void> {
    const tsx = process.execArgv.some((a) => a.includes('tsx'));
    this.child = fork(CHILD, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: tsx ? process.execArgv : [...process.execArgv, '--conditions=source', '--import', 'tsx'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
    return new Promise((resolve, reject) => {
      this.child.once('message', (ready: FuzzReply) => {
        this.baseline = ready.rss ?? ready.maxRss;
        resolve();
      });
      this.child.once('exit', (code) => reject(new Error(`fuzz child exited (${code}) before it was ready: ${this.stderr}`)));
    });
  }

  /** Peak resident set of the child above its resident set when it was ready, bytes. */
  peakGrowth(): number {
    return Math.max(0, this.peak - this.baseline);
  }

  /** One case: the child's reply, or a rejection saying how the child crashed, hung or grew. */
  async run(reader: FuzzReader | 'folder', bytes: Uint8Array, path?: string): Promise<FuzzReply> {
    const id = this.next++;
    const child = this.child;
    const status = `/proc/${child.pid}/status`;
    const watch = existsSync(status);
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    try {
      return await new Promise<FuzzReply>((resolve, reject) => {
        let failed = false;
        const fail = async (why: string) => {
          if (failed) return;
          failed = true;
          child.off('exit', onExit);
          child.kill('SIGKILL');
          await this.spawn().catch(() => undefined);
          reject(new Error(`${reader} case ${id}: ${why}${this.stderr ? `; stderr: ${this.stderr}` : ''}`));
        };
        const onExit = (code: number | null, signal: string | null) => void fail(`the child died (exit ${code}, signal ${signal})`);
        child.once('exit', onExit);
        child.on('message', function onMessage(reply: FuzzReply) {
          if (reply.id !== id) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(reply);
        });
        timer = setTimeout(() => {
          void fail(`still running after ${HANG_MS} ms (a hang)`);
        }, HANG_MS);
        if (watch) {
          poll = setInterval(() => {
            const rss = residentBytes(status);
            if (rss - this.baseline > GROWTH_BYTES) {
              void fail(`resident set grew by ${(rss - this.baseline) / 2 ** 20} MiB`);
            }
          }, 20);
        }
        const request: FuzzRequest = { id, reader, bytes, ...(path ? { path } : {}) };
        child.send(request);
      }).then((reply) => {
        this.peak = Math.max(this.peak, reply.maxRss);
        this.cpuMs = reply.cpuMs;
        return reply;
      });
    } finally {
      clearTimeout(timer);
      clearInterval(poll);
    }
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

function residentBytes(status: string): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
