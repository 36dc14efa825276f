import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../sharedData.js';

export const webDemoDir = join(repoRoot, 'web-demo');
export const distDir = join(webDemoDir, 'dist');
export const exampleDir = join(webDemoDir, 'public', 'example');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(path) : s.mtimeMs);
  }
  return newest;
}

/**
 * Builds the page (example model included) when dist/ is missing or older than the demo's
 * sources, its build set-up or the example model, with the same command a user runs:
 * `npm run build -w web-demo`. Test files run in parallel: one builds, the others wait for it.
 */
export function ensureBuiltPage(): void {
  const index = join(distDir, 'index.html');
  const example = join(exampleDir, 'model.onnx');
  const upToDate = () => {
    // The page bundles the packages it imports from their sources, so their changes count too.
    const sources = Math.max(
      newestMtime(join(webDemoDir, 'src')),
      newestMtime(join(webDemoDir, 'vite')),
      ...['cam', 'format', 'data', 'runtime'].map((pkg) => newestMtime(join(repoRoot, pkg, 'src'))),
      ...['index.html', 'vite.config.ts'].map((f) => statSync(join(webDemoDir, f)).mtimeMs),
      existsSync(example) ? statSync(example).mtimeMs : 0,
    );
    return existsSync(index) && existsSync(join(distDir, 'example', 'model.onnx')) && existsSync(join(distDir, 'sw.js')) && statSync(index).mtimeMs >= sources;
  };
  if (upToDate()) return;
  withLock(join(webDemoDir, '.build-lock'), () => {
    if (upToDate()) return;
    const result = spawnSync('npm', ['run', 'build', '-w', 'web-demo'], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`npm run build -w web-demo failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  });
}

/** Runs `work` holding a lock directory; a lock older than 15 minutes is a crashed run's and is taken over. */
function withLock(lock: string, work: () => void): void {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      Atomics.wait(wait, 0, 0, 500);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
