#!/usr/bin/env node
// In a source checkout the CLI runs from TypeScript through tsx (no stale build possible);
// an installed package runs its compiled dist.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
if (existsSync(source)) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--no-warnings=ExperimentalWarning', source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // The terminal delivers Ctrl-C to the whole process group; the child handles it, we wait.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
} else {
  const { main } = await import('../dist/main.js');
  await main(process.argv.slice(2));
}
