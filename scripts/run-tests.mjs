#!/usr/bin/env node
// Runs every test file of the workspace with Node's test runner. TypeScript runs from source
// through tsx, and workspace packages resolve to their sources via the `source` export condition,
// so tests never depend on a stale build. Pass file filters as arguments: `npm test -- cam/`.
// Property tests share one fixed fast-check seed (scripts/fastCheckSeed.mjs; FC_SEED=random explores).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skipDirs = new Set(['node_modules', 'dist', '.git', 'public']);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ['cam', 'format', 'data', 'runtime', 'trainer', 'exporter', 'study', 'cli', 'web-demo', 'bench', 'test']
  .flatMap((pkg) => collect(join(root, pkg), []))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--import', './scripts/fastCheckSeed.mjs', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
