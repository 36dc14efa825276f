import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** Debian's python with the oracle packages (the `python3` on PATH may be another one). */
export const PYTHON = '/usr/bin/python3';

/** Skips the test, printing why, unless PYTHON can import `modules`. Returns true when skipped. */
export function skipWithoutPython(t: TestContext, modules: string[]): boolean {
  const probe = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (probe.status === 0) return false;
  const reason = `needs ${PYTHON} with ${modules.join(', ')} (${(probe.stderr || String(probe.error)).trim().split('\n').pop()})`;
  console.log(`# skipped: ${reason}`);
  t.skip(reason);
  return true;
}

/** Runs a Python script with a JSON request on stdin and parses its JSON answer. */
export function runPython<T>(script: string, request: unknown): T {
  const result = spawnSync(PYTHON, [script], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
