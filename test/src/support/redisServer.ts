import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** Debian's redis-server (scripts/setup.sh installs it). */
export const REDIS_SERVER = process.env.SPECTRACAM_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  /** `redis://127.0.0.1:PORT`, what `--queue` takes. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a private redis-server on a free loopback port (no persistence, its own folder) and waits
 * until it answers PING; stopped by the test's `after`. Returns undefined, having skipped the test
 * with the reason printed, where redis-server is missing or does not start.
 */
export async function startRedis(t: TestContext): Promise<RedisServer | undefined> {
  try {
    const server = await launchRedis();
    t.after(() => server.stop());
    return server;
  } catch (error) {
    return skip(t, (error as Error).message);
  }
}

/** The same for a script (the benchmarks): throws why it cannot; the caller stops it. */
export async function launchRedis(): Promise<RedisServer> {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`needs ${REDIS_SERVER} (Debian's redis-server; scripts/setup.sh installs it): ${String(probe.error ?? probe.stderr).trim()}`);
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-redis-'));
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (b: Buffer) => void (log += b.toString()));
  child.stderr!.on('data', (b: Buffer) => void (log += b.toString()));
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  if (!(await answersPing(port, 10_000))) {
    await stop();
    throw new Error(`redis-server did not answer PING on port ${port} within 10 s: ${log.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}

function skip(t: TestContext, reason: string): undefined {
  console.log(`# skipped: ${reason}`);
  t.skip(reason);
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (b) => {
        socket.destroy();
        resolve(b.toString().startsWith('+PONG'));
      });
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** SIGTERM, then SIGKILL after 5 s: a test never leaves a server behind. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
