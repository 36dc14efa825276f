#!/usr/bin/env node
// An installed package runs its bundled build (dist/bundle). In a source checkout the CLI runs
// from TypeScript in this same process (no stale build possible, signals and exit codes are the
// CLI's own): tsx compiles it, and the `source` export condition points our packages at their
// sources. Both are resolved from this file, so the command works from any folder.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  try {
    await import('tsx');
  } catch (error) {
    process.stderr.write(`spectracam: this checkout's dependencies are not installed (${error.code ?? error.message}); run npm ci in the repository first\n`);
    process.exit(1);
  }
  register('./sourceCondition.mjs', import.meta.url);
  const { main } = await import(source.href);
  await main(process.argv.slice(2));
} else {
  const bundled = new URL('../dist/bundle/main.js', import.meta.url);
  const { main } = await import(existsSync(bundled) ? bundled.href : new URL('../dist/main.js', import.meta.url).href);
  await main(process.argv.slice(2));
}
