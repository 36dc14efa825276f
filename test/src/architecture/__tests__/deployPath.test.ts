import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from '../../support/sharedData.js';
import { ourPackage, specifiersOf } from '../packageGraph.js';

/** Our packages a CLI file reaches through its own relative imports, static or lazy. */
function packagesReached(entry: string): Set<string> {
  const reached = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const s of specifiersOf(readFileSync(file, 'utf8'))) {
      if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
      const pkg = ourPackage(s);
      if (pkg) reached.add(pkg);
    }
  };
  visit(join(repoRoot, entry));
  return reached;
}

for (const command of ['predict', 'explain', 'info']) {
  test(`deploy path: \`spectracam ${command}\` reaches runtime, data and format only, never the training stack`, () => {
    const reached = packagesReached(`cli/src/commands/${command}.ts`);
    if (command !== 'info') assert.ok(reached.has('runtime'), `${command} does not load the runtime?`);
    for (const heavy of ['trainer', 'exporter', 'study']) assert.ok(!reached.has(heavy), `${command} reaches @spectracam/${heavy}`);
  });
}

test('deploy path: the command list itself loads no command\'s work', () => {
  const text = readFileSync(join(repoRoot, 'cli/src/commands/index.ts'), 'utf8');
  for (const s of specifiersOf(text)) assert.ok(s.startsWith('./') || s === 'yargs', `commands/index.ts imports ${s}`);
});
