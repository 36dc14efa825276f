import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';

/** Standard input, as DATA. */
export const STDIN = '-';

/**
 * DATA arguments as paths: `-` (standard input) and existing paths as given, glob patterns (`*`,
 * `?`, `[...]`, `**`) expanded in natural order (`cell2` before `cell10`) for shells that pass
 * them quoted or do not expand them (Windows). A pattern that matches nothing is an error naming
 * it, as a missing file would be.
 */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === STDIN || !/[*?[]/.test(input) || (await exists(input))) {
      out.push(input);
      continue;
    }
    const matches = await glob(input);
    if (matches.length === 0) throw new Error(`${input}: no file matches this pattern; expected data files or folders`);
    out.push(...matches);
  }
  if (out.filter((i) => i === STDIN).length > 1) throw new Error('- (standard input) is given more than once; it can be read once');
  return out;
}

/** The paths a glob pattern matches, walking only the folders its fixed part names. */
async function glob(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]+/);
  const absolute = isAbsolute(pattern);
  let bases = [absolute ? (parts[0] === '' ? sep : `${parts[0]}${sep}`) : '.'];
  const segments = absolute ? parts.slice(1) : parts;
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]!;
    const last = k === segments.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      if (segment === '**') {
        next.push(base, ...(await descendants(base)));
        continue;
      }
      if (!/[*?[]/.test(segment)) {
        const path = base === '.' && !absolute ? segment : join(base, segment);
        if (await exists(path)) next.push(path);
        continue;
      }
      const match = segmentRegExp(segment);
      for (const entry of await entries(base)) {
        if (!match.test(entry.name) || (!last && !entry.isDirectory())) continue;
        next.push(base === '.' && !absolute ? entry.name : join(base, entry.name));
      }
    }
    bases = [...new Set(next)];
  }
  return bases.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** One path segment of a glob as a regular expression; `*` and `?` never match a leading dot (hidden files). */
function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') source += '[^/\\\\]*';
    else if (ch === '?') source += '[^/\\\\]';
    else if (ch === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${segment.startsWith('.') ? '' : '(?!\\.)'}${source}$`);
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Every folder below `dir` (not hidden ones), for `**`. */
async function descendants(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await entries(dir)) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    out.push(path, ...(await descendants(path)));
  }
  return out;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
