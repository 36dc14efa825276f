import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import type { Browser, Page } from 'playwright-core';
import { loadModel } from '@spectracam/runtime';
import { wrapOnnxModel } from '@spectracam/exporter';
import { minMaxScaled, torchAxis, torchExpected, torchModelPath, torchPreprocessing, torchSpectra, torchVariants } from '../support/torchFixtures.js';
import { repoRoot } from '../support/sharedData.js';
import { chromiumMissing, launchChromium } from '../support/browser/chromium.js';
import { distDir, ensureBuiltPage } from '../support/browser/builtPage.js';
import { startPreview } from '../support/browser/previewServer.js';
import type { PreviewServer } from '../support/browser/previewServer.js';
import { readResults, waitForMessage, waitForResults } from '../support/browser/pageResults.js';
import type { PageResults } from '../support/browser/pageResults.js';

const missing = chromiumMissing();
const work = mkdtempSync(join(tmpdir(), 'spectracam-web-demo-'));

/** The example spectra, re-written with spectra as COLUMNS on a DESCENDING axis (another layout). */
function exampleAsColumns(): { path: string; names: string[]; axis: number[]; rows: number[][] } {
  const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
  const axis = lines[0]!.split(',').slice(2).map(Number);
  const body = lines.slice(1).map((l) => l.split(','));
  const names = body.map((cells) => cells[0]!);
  const rows = body.map((cells) => cells.slice(2).map(Number));
  const out = [['wavenumber', ...names].join(',')];
  for (let j = axis.length - 1; j >= 0; j--) out.push([axis[j], ...rows.map((r) => r[j])].join(','));
  const path = join(work, 'columns.csv');
  writeFileSync(path, `${out.join('\n')}\n`);
  return { path, names, axis, rows };
}

describe('web demo in Chromium', { skip: missing }, () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let server: PreviewServer;
  let page: Page;
  const consoleErrors: string[] = [];
  let first: PageResults;
  let firstDrawnMs = 0;
  let navigated = 0;
  let loadAtStart: number[] = [];

  before(async () => {
    ensureBuiltPage();
    server = await startPreview();
    ({ browser, close: closeBrowser } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    loadAtStart = loadavg();
    navigated = Date.now();
    await page.goto(server.url);
    first = await waitForResults(page, 0, 120_000);
    firstDrawnMs = Date.now() - navigated;
  });

  after(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  test('the example model explains the example spectra on load, cross-origin isolated', async () => {
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'COOP/COEP from vite preview make the page isolated');
    assert.ok(first.predicted.length > 1, 'a batch of example spectra is explained');
    assert.equal(first.maps[0]!.length, first.classes.length, 'one map per class');
    const map = first.maps[0]![first.classes.indexOf(first.predicted[0]!)]!;
    assert.ok(Math.abs(Math.min(...map)) < 1e-6 && Math.abs(Math.max(...map) - 1) < 1e-6, 'maps are min-max scaled');
    assert.ok(first.regions[0]!.length > 0, 'the predicted class has top regions');
    assert.equal(await page.locator('#spectrum-chart svg path.spectrum-line').count(), 1, 'the spectrum is drawn');
    assert.ok((await page.locator('#class-mean-chart svg path').count()) > 0, 'the batch view is drawn');
    assert.ok((await page.locator('#feature-maps canvas').count()) >= 3, 'conv1..3 feature maps are drawn');
    // The screenshot of the explained example: a test artifact, one copy committed as docs/web-demo.png.
    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'web-demo.png'), fullPage: true });
    process.stdout.write(`# web demo: first explanation drawn ${firstDrawnMs} ms after navigation\n`);
  });

  test('a cold profile gets its first explanation with at most 6 MB over the wire, each file once, ONNX Runtime\'s plain wasm build compressed', async () => {
    // The server's own log: what really went over the network (cache hits never reach it).
    const firstMs = first.timings.firstExplanationMs!;
    const before = server.served.filter((s) => s.at - navigated <= firstMs);
    const bytes = before.reduce((sum, s) => sum + s.bytes, 0);
    const urls = before.map((s) => s.url);
    assert.ok(bytes <= 6e6, `${bytes} bytes before the first explanation: ${JSON.stringify(before.map((s) => [s.url, s.bytes]))}`);
    assert.deepEqual(urls.filter((u, i) => urls.indexOf(u) !== i), [], 'nothing is fetched twice');
    const wasm = before.filter((s) => s.url.endsWith('/ort-wasm-simd-threaded.wasm'));
    assert.equal(wasm.length, 1, `the plain SIMD-threaded wasm build is loaded: ${urls.join(' ')}`);
    assert.equal(wasm[0]!.contentType, 'application/wasm');
    assert.equal(wasm[0]!.encoding, 'br', 'served precompressed (brotli)');
    assert.deepEqual(server.served.filter((s) => s.url.includes('.jsep.')).map((s) => s.url), [], 'the JSEP (WebGPU) build is not fetched for wasm');
    for (const s of before.filter((x) => /\.(js|mjs|csv|onnx|wasm)$/.test(x.url) && x.bytes > 2048)) assert.equal(s.encoding, 'br', `${s.url} is sent compressed`);
    process.stdout.write(
      `# web demo, cold profile: first explanation drawn ${Math.round(firstMs)} ms after navigation (page clock), ` +
        `${bytes} bytes in ${before.length} responses before it; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}\n`,
    );
  });

  test('the device list offers only what can start: no webgpu without a WebGPU adapter', async () => {
    const { gpu, adapter } = await page.evaluate(async () => {
      const g = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return { gpu: !!g, adapter: g ? (await g.requestAdapter()) !== null : false };
    });
    const devices = await page.locator('#device-select option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value));
    assert.deepEqual(devices, adapter ? ['webgpu', 'wasm'] : ['wasm'], `navigator.gpu ${gpu}, adapter ${adapter}`);
  });

  test('hovering the spectrum shows wavenumber, intensity and importance', async () => {
    const svg = page.locator('#spectrum-chart svg');
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = await page.locator('#spectrum-chart .tooltip').textContent();
    assert.match(tip ?? '', /cm-1 · intensity -?[\d.e+-]+ · importance \(.+\) [01]\.\d{3}/);
  });

  test('dropped model and spectra (columns, descending axis) give the Node runtime classes and maps within 1e-4', async () => {
    const modelPath = join(work, 'dropped.onnx');
    copyFileSync(join(distDir, 'example', 'model.onnx'), modelPath);
    const columns = exampleAsColumns();
    const before = (await readResults(page))!.version;
    await page.setInputFiles('#model-input', modelPath);
    const afterModel = await waitForResults(page, before);
    await page.setInputFiles('#spectra-input', columns.path);
    const dropped = await waitForResults(page, afterModel.version);
    assert.equal(dropped.source, 'columns.csv');

    const model = await loadModel(new Uint8Array(readFileSync(modelPath)));
    try {
      const axis = [...columns.axis].reverse();
      const rows = columns.rows.map((r) => [...r].reverse());
      const node = await model.explain(rows, { axis, class: 'all', full: true });
      assert.deepEqual(dropped.names, columns.names);
      assert.deepEqual(dropped.predicted, node.map((e) => e.predicted));
      let worst = 0;
      node.forEach((e, i) => {
        model.classes.forEach((c, k) => {
          const expected = e.maps.find((m) => m.class === c)!.map!;
          const got = dropped.maps[i]![k]!;
          assert.equal(got.length, expected.length);
          for (let j = 0; j < got.length; j++) worst = Math.max(worst, Math.abs(got[j]! - expected[j]!));
        });
      });
      assert.ok(worst <= 1e-4, `largest map difference browser vs Node ${worst}`);
      // The unknown-sample score and flag: the browser's are the Node runtime's.
      node.forEach((e, i) => {
        assert.ok(Math.abs(dropped.novelty[i]! - e.novelty!) <= 1e-4 * Math.max(1, e.novelty!), `novelty ${dropped.novelty[i]} vs ${e.novelty}`);
        assert.equal(dropped.unknown[i], e.unknown);
      });
    } finally {
      await model.dispose();
    }
  });

  test('the method switch explains with an attribution the file carries, the same maps as the Node runtime', async () => {
    const options = await page.locator('#method-select option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value));
    assert.deepEqual(options, ['cam', 'gradient-x-input', 'guided-gradcam', 'contribution'], 'cam and the example file\'s attributions');
    const before = (await readResults(page))!;
    await page.selectOption('#method-select', 'gradient-x-input');
    const switched = await waitForResults(page, before.version);
    const model = await loadModel(new Uint8Array(readFileSync(join(distDir, 'example', 'model.onnx'))));
    try {
      const { axis, rows } = exampleAsColumns();
      const node = await model.explain(rows, { axis, class: 'all', full: true, method: 'gradient-x-input' });
      let worst = 0;
      node.forEach((e, i) => model.classes.forEach((c, k) => {
        const expected = e.maps.find((m) => m.class === c)!.map!;
        for (let j = 0; j < expected.length; j++) worst = Math.max(worst, Math.abs(switched.maps[i]![k]![j]! - expected[j]!));
      }));
      assert.ok(worst <= 1e-4, `gradient x input maps differ browser vs Node by ${worst}`);
    } finally {
      await model.dispose();
    }
    await page.selectOption('#method-select', 'cam');
    await waitForResults(page, switched.version);
  });

  test('a wrapped PyTorch model (spectracam wrap) loads by drop and gives PyTorch\'s probabilities and CAMs within 1e-5', async () => {
    const { classes, variants } = torchVariants();
    const v = variants.find((x) => x.name === 'conv1d-bn')!;
    const wrapped = wrapOnnxModel(new Uint8Array(readFileSync(torchModelPath(v.name))), v.name, { classes, axis: torchAxis(v.axis), preprocessing: torchPreprocessing(v), attributions: ['gradient-x-input'] });
    const modelPath = join(work, 'wrapped.onnx');
    writeFileSync(modelPath, wrapped.bytes);
    const fixture = torchSpectra();
    const csv = join(work, 'torch-spectra.csv');
    writeFileSync(csv, [['id', 'label', ...fixture.axis].join(','), ...fixture.spectra.map((s, k) => [`t${k}`, fixture.labels[k], ...s].join(','))].join('\n'));
    const before = (await readResults(page))!.version;
    await page.setInputFiles('#model-input', modelPath);
    const afterModel = await waitForResults(page, before);
    await page.setInputFiles('#spectra-input', csv);
    const shown = await waitForResults(page, afterModel.version);
    const expected = torchExpected(v.name);
    assert.deepEqual(shown.classes, classes);
    let worstP = 0;
    let worstMap = 0;
    shown.probabilities.forEach((row, s) => row.forEach((q, c) => (worstP = Math.max(worstP, Math.abs(q - expected.probabilities[s]![c]!)))));
    shown.maps.forEach((maps, s) => maps.forEach((map, c) => {
      const want = minMaxScaled(expected.cam[s]![c]!);
      map.forEach((m, j) => (worstMap = Math.max(worstMap, Math.abs(m - want[j]!))));
    }));
    assert.ok(worstP < 1e-5, `probabilities differ from PyTorch's by ${worstP}`);
    assert.ok(worstMap < 1e-5, `CAMs differ from PyTorch's by ${worstMap}`);
    const options = await page.locator('#method-select option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value));
    assert.deepEqual(options, ['cam', 'gradient-x-input'], 'the attribution requested at wrap time is offered');
  });

  test('bad files show a message next to the drop zone and leave the previous result on screen', async () => {
    const shown = (await readResults(page))!;
    const notOnnx = join(work, 'not-a-model.onnx');
    writeFileSync(notOnnx, 'this is text, not a protobuf ModelProto');
    const { onnx } = onnxProto;
    const decoded = onnx.ModelProto.decode(readFileSync(join(distDir, 'example', 'model.onnx')));
    decoded.metadataProps = [];
    const foreign = join(work, 'foreign.onnx');
    writeFileSync(foreign, onnx.ModelProto.encode(decoded).finish());
    const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
    const shifted = lines[0]!.split(',').map((c, i) => (i < 2 ? c : String(Number(c) + 5000))).join(',');
    const offAxis = join(work, 'off-axis.csv');
    writeFileSync(offAxis, [shifted, ...lines.slice(1, 3)].join('\n'));
    const nonNumeric = join(work, 'non-numeric.csv');
    const cells = lines[1]!.split(',');
    cells[10] = 'abc';
    writeFileSync(nonNumeric, [lines[0], cells.join(',')].join('\n'));

    const cases: [string, string, RegExp][] = [
      ['#model-input', notOnnx, /not-a-model\.onnx/],
      ['#model-input', foreign, /spectracam|metadata/i],
      ['#spectra-input', offAxis, /axis|cover|range/i],
      ['#spectra-input', nonNumeric, /abc|numer/i],
    ];
    for (const [input, path, expected] of cases) {
      await page.locator('#message').evaluate((m) => {
        (m as HTMLElement).className = '';
        m.textContent = '';
      });
      await page.setInputFiles(input, path);
      const message = await waitForMessage(page, 'error');
      assert.match(message, expected, `${path}: ${message}`);
      const now = (await readResults(page))!;
      assert.equal(now.version, shown.version, `${path}: the previous result stays`);
      assert.equal(await page.locator('#results').isVisible(), true);
    }
  });

  test('spectra a few points short of the model axis: refused with the allowance they need, explained once "extend ends" gives it', async () => {
    const examplePath = join(distDir, 'example', 'model.onnx');
    const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
    // The example spectra without the model axis's first 3 and last 2 points, as another instrument's range.
    const cut = (line: string) => {
      const cells = line.split(',');
      return [...cells.slice(0, 2), ...cells.slice(5, cells.length - 2)].join(',');
    };
    const shortPath = join(work, 'short.csv');
    writeFileSync(shortPath, `${lines.slice(0, 4).map(cut).join('\n')}\n`);
    // Earlier tests dropped other models and spectra: the example's spectra, then its model.
    const before = (await readResults(page))!.version;
    await page.setInputFiles('#spectra-input', join(distDir, 'example', 'spectra.csv'));
    const withSpectra = await waitForResults(page, before);
    await page.setInputFiles('#model-input', examplePath);
    const withModel = await waitForResults(page, withSpectra.version);
    await page.locator('#message').evaluate((m) => ((m as HTMLElement).className = ''));
    await page.setInputFiles('#spectra-input', shortPath);
    const message = await waitForMessage(page, 'error');
    const needed = /set “extend ends” to ([\d.]+) or more and they are explained again/.exec(message)?.[1];
    assert.ok(needed, message);
    assert.equal((await readResults(page))!.version, withModel.version, 'refused: the previous result stays');

    await page.locator('#extend-input').fill(needed);
    await page.locator('#extend-input').dispatchEvent('change');
    const extended = await waitForResults(page, withModel.version);
    assert.equal(extended.source, 'short.csv');
    assert.match(await waitForMessage(page, 'ok'), /short\.csv: explained, the ends extended by up to/);
    const header = lines[0]!.split(',').slice(2).map(Number);
    const axis = header.slice(3, header.length - 2);
    const rows = lines.slice(1, 4).map((l) => l.split(',').slice(5, -2).map(Number));
    const model = await loadModel(new Uint8Array(readFileSync(examplePath)));
    try {
      await assert.rejects(model.predict(rows, { axis, extendEnds: Number(needed) * 0.99 }), /extendEnds/, 'precondition: the allowance the page asked for is needed');
      const node = await model.predict(rows, { axis, extendEnds: Number(needed) });
      assert.deepEqual(extended.predicted, node.map((o) => o.predicted));
      node.forEach((o, i) => model.classes.forEach((c, k) => assert.ok(Math.abs(extended.probabilities[i]![k]! - o.probabilities[c]!) < 1e-5, `spectrum ${i}, ${c}`)));
    } finally {
      await model.dispose();
    }
    // Back to whole spectra, then no allowance: the page explains them again.
    await page.setInputFiles('#spectra-input', join(distDir, 'example', 'spectra.csv'));
    const whole = await waitForResults(page, extended.version);
    await page.locator('#extend-input').fill('0');
    await page.locator('#extend-input').dispatchEvent('change');
    const again = await waitForResults(page, whole.version);
    assert.deepEqual(again.predicted, whole.predicted);
  });

  test('a spectrum unlike the training data gets the "unknown sample" banner; a known one does not', async () => {
    const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!;
    const known = lines[1]!;
    const cells = known.split(',');
    // A flat line at the spectrum's mean level: nothing like the training spectra.
    const values = cells.slice(2).map(Number);
    const level = values.reduce((x, y) => x + y, 0) / values.length;
    const flat = [`${cells[0]}-flat`, cells[1], ...values.map(() => level)].join(',');
    const path = join(work, 'unknown.csv');
    writeFileSync(path, [header, known, flat].join('\n'));
    // Earlier tests dropped other models (a wrapped one has no score): the spectra, then the example model again.
    const before = (await readResults(page))!.version;
    await page.setInputFiles('#spectra-input', path);
    const withSpectra = await waitForResults(page, before);
    await page.setInputFiles('#model-input', join(distDir, 'example', 'model.onnx'));
    const shown = await waitForResults(page, withSpectra.version);
    assert.deepEqual(shown.unknown, [false, true], `novelty ${shown.novelty.join(', ')}`);
    assert.equal(await page.locator('#unknown-banner').isVisible(), false, 'no banner on the known spectrum');
    await page.selectOption('#spectrum-select', '1');
    await page.locator('#unknown-banner').waitFor({ state: 'visible' });
    assert.match((await page.locator('#unknown-banner').textContent()) ?? '', /Unknown sample: .*novelty [\d.e+]+ above its threshold/);
  });

  test('the page logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
