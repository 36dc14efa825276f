import { Redis, type RedisOptions } from 'ioredis';

/** One queue carries both kinds of job (`train`, `explain`): a worker takes whichever comes. */
export const QUEUE_NAME = 'spectracam';

/**
 * `redis://[user:password@]HOST:PORT[/DB]` (or `rediss://` for TLS) as ioredis connection options.
 * A malformed address fails here, naming it, rather than as a connection timeout later.
 */
export function queueConnection(address: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`--queue ${address}: expected redis://HOST:PORT (e.g. redis://127.0.0.1:6379)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`--queue ${address}: expected a redis:// or rediss:// address, got ${url.protocol}`);
  if (!url.hostname) throw new Error(`--queue ${address}: the address names no host`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`--queue ${address}: the database number after / must be a whole number, got ${url.pathname.slice(1)}`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's blocking connections need this; without it ioredis gives up on a slow server.
    maxRetriesPerRequest: null,
  };
}

/** Job ids: content-derived, so a restarted coordinator finds its jobs again (BullMQ forbids ':'). */
export function jobId(kind: 'train' | 'explain', hash: string, suffix: string): string {
  return `${kind}-${hash.slice(0, 20)}-${suffix}`;
}

/**
 * A connected client for one BullMQ queue, worker or event listener (each needs its own: workers
 * and event listeners block on theirs). BullMQ 6 loads no Redis client itself under ESM.
 */
export function redisClient(address: string): Redis {
  return new Redis(queueConnection(address));
}

/** Waits for BullMQ's clients to connect; an unreachable server fails after `ms` naming the address. */
export async function whenReachable(address: string, ready: Promise<unknown>[], ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`--queue ${address}: no Redis answered within ${ms / 1000} s (start one with redis-server, see the README)`)), ms);
  });
  try {
    await Promise.race([Promise.all(ready), late]);
  } finally {
    clearTimeout(timer);
  }
}
