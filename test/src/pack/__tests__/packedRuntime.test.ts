import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '../../../../runtime/src/__tests__/support/testModel.js';
import { repoRoot } from '../../support/sharedData.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // The packed runtime depends on onnxruntime-node, whose install script would fetch CUDA files.
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_update_notifier: 'false' },
  });

test('pack: a packed @spectracam/runtime installs into an empty project and explains a spectrum with its own dependencies', { timeout: 300_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'spectracam-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'pipe' });
  npm(['pack', '-w', 'cam', '-w', 'runtime', '--pack-destination', work], repoRoot);
  const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  assert.equal(tarballs.length, 2, `packed ${tarballs.join(', ')}`);

  const project = join(work, 'project');
  const { bytes } = await testModel({ p: 150, classes: ['left', 'right'], seed: 4 });
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(project, 'model.onnx'), bytes);
  const spectrum = Array.from({ length: 150 }, (_, i) => Math.sin(i / 9) + 2);
  writeFileSync(
    join(project, 'explain.mjs'),
    `import { loadModel } from '@spectracam/runtime';
const model = await loadModel('model.onnx');
const [e] = await model.explain([${JSON.stringify(spectrum)}], { full: true });
console.log(JSON.stringify({ classes: model.classes, predicted: e.predicted, probabilities: e.probabilities, peak: e.maps[0].peak, map: Array.from(e.maps[0].map) }));
await model.dispose();
`,
  );
  try {
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((f) => join(work, f))], project);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(stderr)) {
      t.skip(`npm could not reach its registry to install the packed runtime's dependencies: ${stderr.split('\n')[0]}`);
      return;
    }
    throw error;
  }
  const installed = readdirSync(join(project, 'node_modules', '@spectracam'));
  assert.deepEqual(installed.sort(), ['cam', 'runtime'], 'only the packed packages of ours are installed');
  const out = JSON.parse(execFileSync(process.execPath, ['explain.mjs'], { cwd: project, encoding: 'utf8' }));

  // The same file explained from the workspace sources gives the same answer.
  const model = await loadModel(bytes);
  const [expected] = await model.explain([spectrum], { full: true });
  await model.dispose();
  assert.deepEqual(out.classes, ['left', 'right']);
  assert.equal(out.predicted, expected!.predicted);
  assert.equal(out.peak, expected!.maps[0]!.peak);
  const worst = Math.max(...out.map.map((v: number, i: number) => Math.abs(v - expected!.maps[0]!.map![i]!)));
  assert.ok(worst < 1e-9, `packed map differs by ${worst}`);
});
