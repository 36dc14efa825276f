import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { loadModel } from '@spectracam/runtime';
import { chromiumMissing, launchChromium } from '../support/browser/chromium.js';
import { distDir, ensureBuiltPage } from '../support/browser/builtPage.js';
import { startPreview } from '../support/browser/previewServer.js';
import type { PreviewServer } from '../support/browser/previewServer.js';
import { readResults, waitForResults } from '../support/browser/pageResults.js';

const missing = chromiumMissing();

/** Three example spectra (rows, the example's own layout), written to a file for dropping. */
function someSpectra(dir: string): { path: string; axis: number[]; rows: number[][] } {
  const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const picked = lines.slice(1, 4);
  const path = join(dir, 'offline-spectra.csv');
  writeFileSync(path, `${[lines[0], ...picked].join('\n')}\n`);
  return { path, axis: header.slice(2).map(Number), rows: picked.map((l) => l.split(',').slice(2).map(Number)) };
}

describe('web demo offline after the first visit', { skip: missing }, () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let context: BrowserContext;
  let server: PreviewServer;

  before(async () => {
    ensureBuiltPage();
    server = await startPreview();
    ({ browser, close: closeBrowser } = await launchChromium());
    context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  });

  after(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  test('with the network off and the server gone, the page reloads and explains a dropped spectrum', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await waitForResults(page, 0, 120_000);
    // The service worker registers after the first explanation and keeps every file before it activates.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    for (const file of ['/', '/example/model.onnx', '/spectracam-explain.js']) assert.ok(cached.includes(file), `${file} is cached: ${cached.join(' ')}`);
    assert.ok(cached.some((u) => u.endsWith('/ort-wasm-simd-threaded.wasm')), 'ONNX Runtime\'s wasm is cached');
    assert.ok(cached.some((u) => u.endsWith('/ort-wasm-simd-threaded.mjs')), 'ONNX Runtime\'s script is cached');
    const wasmSent = server.served.filter((s) => s.url.endsWith('/ort-wasm-simd-threaded.wasm') && s.status === 200);
    assert.equal(wasmSent.length, 1, 'the service worker took ONNX Runtime\'s wasm from the HTTP cache, not the network');

    await server.close();
    await context.setOffline(true);
    const servedBefore = server.served.length;
    await page.reload();
    const reloaded = await waitForResults(page, 0, 120_000);
    assert.ok(reloaded.predicted.length > 1, 'the example is explained again, offline');
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the cached page keeps its isolation headers (wasm threads)');

    const work = mkdtempSync(join(tmpdir(), 'spectracam-offline-'));
    const spectra = someSpectra(work);
    await page.setInputFiles('#spectra-input', spectra.path);
    const dropped = await waitForResults(page, reloaded.version, 120_000);
    assert.equal(dropped.source, 'offline-spectra.csv');
    const model = await loadModel(new Uint8Array(readFileSync(join(distDir, 'example', 'model.onnx'))));
    try {
      const node = await model.predict(spectra.rows, { axis: spectra.axis });
      assert.deepEqual(dropped.predicted, node.map((p) => p.predicted), 'the same classes as the Node runtime');
    } finally {
      await model.dispose();
    }
    assert.equal(server.served.length, servedBefore, 'nothing reached the (closed) server');
    assert.equal((await readResults(page))!.version, dropped.version);
    assert.deepEqual(errors, []);
  });
});
