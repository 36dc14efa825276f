import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';

/** What a writer says about an output path before it starts work. */
export interface OutputCheck {
  /** What is written, for messages: 'run directory', 'model file', 'plot'. */
  what: string;
  /** Paths the same command reads: an output may never be one of them (nor a folder holding one). */
  inputs?: readonly (string | undefined)[];
  /** True when what exists at the path is this writer's own earlier output (recognised by its record). */
  isOwn?: (path: string) => Promise<boolean>;
  /** A folder output (replaced as a whole) rather than one file. @default false */
  folder?: boolean;
  /** Replace an existing FILE that is not this writer's own; folders that are not ours are never replaced. */
  force?: boolean;
}

export interface OutputState {
  exists: boolean;
  /** What exists is this writer's own earlier output. */
  own: boolean;
}

/**
 * Checks an output path before any work starts, so nothing a user owns is replaced and an
 * unwritable path fails at once: never one of the inputs, never a folder that is not the
 * writer's own (even with `force`), a foreign file only with `force`, and a writable place.
 */
export async function checkOutput(path: string, check: OutputCheck): Promise<OutputState> {
  const target = await canonical(path);
  for (const input of check.inputs ?? []) {
    if (input === undefined || input === '') continue;
    const source = await canonical(input);
    if (source === target) throw new Error(`${path}: the ${check.what} would replace an input of this command (${input}); choose another path`);
    if (check.folder && isInside(source, target)) {
      throw new Error(`${path}: the ${check.what} would replace a folder holding an input of this command (${input}); choose another path`);
    }
  }
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    await assertWritableParent(path, check.what);
    return { exists: false, own: false };
  }
  if (check.folder) {
    if (!info.isDirectory()) throw new Error(`${path} is a file; the ${check.what} is a folder and never replaces a file: choose another path`);
    if ((await readdir(path)).length === 0) {
      await assertWritable(path, check.what);
      return { exists: true, own: false };
    }
    if (check.isOwn && (await check.isOwn(path))) {
      await assertWritableParent(path, check.what);
      return { exists: true, own: true };
    }
    throw new Error(`${path} is a folder with other content (not a ${check.what} of SpectraCAM); it is never replaced, not even with --force: choose another path`);
  }
  if (info.isDirectory()) throw new Error(`${path} is a folder; the ${check.what} is a file: give a file name`);
  const own = check.isOwn ? await check.isOwn(path) : false;
  if (!own && !check.force) throw new Error(`${path} exists and is not a ${check.what} written by SpectraCAM; pass --force to replace it, or choose another path`);
  await assertWritableParent(path, check.what);
  return { exists: true, own };
}

/** Absolute path with symbolic links resolved as far as the path exists. */
async function canonical(path: string): Promise<string> {
  const absolute = resolve(path);
  let existing = absolute;
  let rest = '';
  for (;;) {
    try {
      return resolve(await realpath(existing), rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      rest = rest ? `${existing.slice(parent.length + 1)}${sep}${rest}` : existing.slice(parent.length + 1);
      existing = parent;
    }
  }
}

function isInside(child: string, folder: string): boolean {
  const rel = relative(folder, child);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

async function assertWritableParent(path: string, what: string): Promise<void> {
  let dir = dirname(resolve(path));
  for (;;) {
    const info = await stat(dir).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) throw new Error(`cannot write the ${what} ${path}: ${dir} is a file, not a folder`);
      return assertWritable(dir, what, path);
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function assertWritable(dir: string, what: string, path = dir): Promise<void> {
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new Error(`cannot write the ${what} ${path}: ${dir} is not writable`);
  }
}
