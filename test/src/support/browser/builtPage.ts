import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
 * sources or the example model, with the same command a user runs: `npm run build -w web-demo`.
 */
export function ensureBuiltPage(): void {
  const index = join(distDir, 'index.html');
  const example = join(exampleDir, 'model.onnx');
  // The page bundles the packages it imports from their sources, so their changes count too.
  const sources = Math.max(
    newestMtime(join(webDemoDir, 'src')),
    ...['cam', 'format', 'data', 'runtime'].map((pkg) => newestMtime(join(repoRoot, pkg, 'src'))),
    statSync(join(webDemoDir, 'index.html')).mtimeMs,
    existsSync(example) ? statSync(example).mtimeMs : 0,
  );
  const upToDate =
    existsSync(index) && existsSync(join(distDir, 'example', 'model.onnx')) && statSync(index).mtimeMs >= sources;
  if (upToDate) return;
  const result = spawnSync('npm', ['run', 'build', '-w', 'web-demo'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run build -w web-demo failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
