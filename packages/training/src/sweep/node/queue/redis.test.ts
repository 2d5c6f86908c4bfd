import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import { checkRedis, jobIdOf, QueueError, redisOptions } from './redis.ts';

describe('redis addresses', () => {
  it('reads host, port, db and credentials; defaults 6379 and db 0', () => {
    expect(redisOptions('redis://10.0.0.5')).toMatchObject({ host: '10.0.0.5', port: 6379, db: 0 });
    expect(redisOptions('redis://u:p%40ss@cache:6380/2')).toMatchObject({ host: 'cache', port: 6380, db: 2, username: 'u', password: 'p@ss' });
  });
  it('refuses what is not a redis:// address', () => {
    expect(() => redisOptions('localhost:6379')).toThrow(QueueError);
    expect(() => redisOptions('http://h:1')).toThrow('--queue http://h:1: not a Redis address; expected redis://host:port');
    expect(() => redisOptions('redis://h:1/x')).toThrow('the database after the port must be a number');
  });
  it('job ids name the sweep and the trial', () => {
    expect(jobIdOf('wine-lr-20260101-mx1', 3)).toBe('wine-lr-20260101-mx1-trial-3');
  });
});

describe('checkRedis fails fast instead of hanging on reconnects', () => {
  // A server that accepts connections and never answers: the case where a client would wait forever.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    silent.close();
  });

  it('a refused connection fails at once, naming the address and the cause', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
    await new Promise((resolve) => closed.close(resolve));
    await expect(checkRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow(`cannot reach Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('a server that never answers fails after the timeout (default 3 s: with start-up, a command fails in under 5 s)', async () => {
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
    const started = performance.now();
    await expect(checkRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: no answer within 3 s/);
    expect(performance.now() - started).toBeLessThan(4000);
  }, 10_000);
});
