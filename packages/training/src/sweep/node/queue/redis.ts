import { Redis, type RedisOptions } from 'ioredis';

/** A Redis queue that cannot be used: a bad address, or no server answering there. Exit code 1 in the runner. */
export class QueueError extends Error {
  override readonly name = 'QueueError';
}

/** The BullMQ queue every sweep coordinator and worker use; jobs are named after their sweep and trial. */
export const QUEUE_NAME = 'clearprop-trials';

/**
 * Connection options for a `redis://[user:password@]host[:port][/db]` address (port 6379 and db 0 by default).
 * Throws QueueError for anything else.
 */
export function redisOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueError(`--queue ${url}: not a Redis address; expected redis://host:port`);
  }
  if (parsed.protocol !== 'redis:' || parsed.hostname === '') throw new QueueError(`--queue ${url}: not a Redis address; expected redis://host:port`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new QueueError(`--queue ${url}: the database after the port must be a number`);
  return {
    host: parsed.hostname, port: parsed.port === '' ? 6379 : Number(parsed.port), db: db === '' ? 0 : Number(db),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}), ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    // BullMQ's blocking connections must wait for Redis rather than fail a command while it reconnects.
    maxRetriesPerRequest: null,
  };
}

/**
 * Checks that Redis answers at `url` within `timeoutMs` (a PING on a connection that does not retry), so a wrong
 * address fails in seconds instead of hanging on BullMQ's endless reconnects: 3 s by default, so a command fails
 * in under 5 s counting its start-up. Throws QueueError with the cause (ECONNREFUSED, ENOTFOUND, no answer).
 */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let timer: NodeJS.Timeout | undefined;
  try {
    // The socket error (ECONNREFUSED, ENOTFOUND) says more than the rejection of connect() that follows it.
    const failed = new Promise<never>((_, reject) => client.once('error', reject));
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)));
    await Promise.race([client.connect().then(() => client.ping()), failed, timeout]);
  } catch (error) {
    throw new QueueError(`cannot reach Redis at ${url}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    client.on('error', () => undefined);
    client.disconnect();
  }
}

/** The Redis key where a coordinator leaves the verdict for a trial's rung (workers poll it). */
export const verdictKey = (jobId: string, epoch: number): string => `clearprop:verdict:${jobId}:${epoch}`;

/** A trial's job id: its sweep and trial id, so re-adding it (a resumed coordinator) finds the same job. */
export const jobIdOf = (sweepId: string, trial: number): string => `${sweepId}-trial-${trial}`;
