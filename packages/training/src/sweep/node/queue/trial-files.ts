import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { writeFileAtomic } from '../../../files/io.ts';
import { makeDirectory } from '../../../session/out-dir.ts';
import { QueueError } from './redis.ts';

/** Every file under `dir` (relative path → gzip, base64), for a job's return value. */
export function packFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split(sep).join('/')] = Buffer.from(gzipSync(readFileSync(path), { level: 6 })).toString('base64');
    }
  };
  walk(dir);
  return files;
}

/** Writes packed files under `dir` (each atomically); a path that would leave `dir` is refused. */
export async function unpackFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  const root = resolve(dir);
  for (const [path, data] of Object.entries(files)) {
    const target = resolve(root, path);
    if (!target.startsWith(root + sep)) throw new QueueError(`a worker sent a file outside the trial folder: ${path}`);
    makeDirectory(dirname(target));
    await writeFileAtomic(target, gunzipSync(Buffer.from(data, 'base64')));
  }
}
