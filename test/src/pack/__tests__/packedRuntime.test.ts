import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '@spectracam/test/support/testModel';
import { repoRoot } from '../../support/sharedData.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // The packed runtime depends on onnxruntime-node, whose install script would fetch CUDA files.
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_update_notifier: 'false' },
  });

test('pack: packed @spectracam/runtime and /data install into an empty project, read a CSV and explain it, and type-check with skipLibCheck off', { timeout: 300_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'spectracam-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'pipe' });
  npm(['pack', '-w', 'cam', '-w', 'format', '-w', 'data', '-w', 'runtime', '--pack-destination', work], repoRoot);
  const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  assert.equal(tarballs.length, 4, `packed ${tarballs.join(', ')}`);
  for (const tarball of tarballs) {
    const listed = execFileSync('tar', ['-tzf', join(work, tarball)], { encoding: 'utf8' }).split('\n');
    assert.ok(listed.includes('package/README.md'), `${tarball} ships no README`);
    assert.deepEqual(listed.filter((f) => /\.tsbuildinfo$|\.map$|\/src\/|__tests__/.test(f)), [], `${tarball} ships build leftovers or sources`);
  }

  const project = join(work, 'project');
  const { bytes } = await testModel({ p: 150, classes: ['left', 'right'], seed: 4 });
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(project, 'model.onnx'), bytes);
  const spectrum = Array.from({ length: 150 }, (_, i) => Math.sin(i / 9) + 2);
  writeFileSync(
    join(project, 'explain.mjs'),
    `import { loadModel } from '@spectracam/runtime';
import { loadDataset } from '@spectracam/data';
const model = await loadModel('model.onnx');
const data = await loadDataset({ data: 'spectra.csv' }, { labelsRequired: false });
const [e] = await model.explain(data.spectra, { full: true, axis: data.axis });
console.log(JSON.stringify({ classes: model.classes, predicted: e.predicted, probabilities: e.probabilities, peak: e.maps[0].peak, map: Array.from(e.maps[0].map) }));
await model.dispose();
`,
  );
  const axis = Array.from({ length: 150 }, (_, i) => 400 + 2 * i);
  writeFileSync(join(project, 'spectra.csv'), `id,${axis.reverse().join(',')}\none,${[...spectrum].reverse().join(',')}\n`);
  writeFileSync(
    join(project, 'check.ts'),
    `import { loadModel, type Explanation } from '@spectracam/runtime';
import { loadDataset, type Dataset } from '@spectracam/data';
export async function first(path: string): Promise<Explanation> {
  const data: Dataset = await loadDataset({ data: path });
  const model = await loadModel('model.onnx');
  return (await model.explain(data.spectra, { axis: data.axis }))[0]!;
}
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [] }, files: ['check.ts'] }),
  );
  try {
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((f) => join(work, f))], project);
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', '@types/node@20'], project);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(stderr)) {
      t.skip(`npm could not reach its registry to install the packed runtime's dependencies: ${stderr.split('\n')[0]}`);
      return;
    }
    throw error;
  }
  const installed = readdirSync(join(project, 'node_modules', '@spectracam'));
  assert.deepEqual(installed.sort(), ['cam', 'data', 'format', 'runtime'], 'only the packed packages of ours are installed');
  // A consumer that checks every declaration file (skipLibCheck off) gets no error from ours.
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc with skipLibCheck false: ${(error as { stdout?: string }).stdout}`);
  }
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
