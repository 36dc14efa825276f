import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

interface LockRecord {
  pid: number;
  host: string;
  started: string;
  command: string;
}

/**
 * Takes the write lock of an output path (an exclusively created `.NAME.lock` beside it), so a
 * second writer of the same path fails at once and names the first. A lock whose process is
 * gone is taken over. Returns the release function; the folder of `path` must exist.
 */
export async function lockOutput(path: string, what: string): Promise<() => Promise<void>> {
  const target = resolve(path);
  const lock = join(dirname(target), `.${basename(target)}.lock`);
  const record: LockRecord = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: process.argv.slice(1).join(' ') };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${JSON.stringify(record)}\n`);
      await handle.close();
      return async () => {
        await rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot lock the ${what} ${path}: ${(error as Error).message}`, { cause: error });
      const holder = await readLock(lock);
      if (holder && isAlive(holder)) {
        throw new Error(`${path} is being written by another process (pid ${holder.pid}, started ${holder.started}: ${holder.command}); wait for it to finish or stop it`);
      }
      // The holder is gone (killed, machine restarted): its lock is stale.
      await rm(lock, { force: true });
    }
  }
  throw new Error(`cannot lock the ${what} ${path}: another process keeps taking ${lock}`);
}

async function readLock(path: string): Promise<LockRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockRecord;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockRecord): boolean {
  if (holder.host !== hostname()) return true; // another machine's process: cannot tell, assume it runs
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
