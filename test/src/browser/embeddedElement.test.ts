import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { loadModel } from '@spectracam/runtime';
import { chromiumMissing, launchChromium } from '../support/browser/chromium.js';
import { distDir, ensureBuiltPage } from '../support/browser/builtPage.js';
import { startPreview } from '../support/browser/previewServer.js';
import type { PreviewServer } from '../support/browser/previewServer.js';

const missing = chromiumMissing();

/**
 * A lab's own page, as README.md shows it: its own text and styles, the element's script and one
 * `<spectracam-explain model="...">`, no spectra attribute. Served from the preview's origin
 * (the page's files sit beside it), without the isolation headers a lab may not set.
 */
const LAB_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Our lab</title>
<style>h2 { color: rgb(0, 128, 0); } #message { display: none; }</style></head>
<body>
  <h1>Meat spectra, explained</h1>
  <p id="message">the lab's own element with the id the widget uses inside</p>
  <spectracam-explain model="./example/model.onnx"></spectracam-explain>
  <script type="module" src="./spectracam-explain.js"></script>
  <script>
    window.explained = [];
    document.querySelector('spectracam-explain').addEventListener('spectracam-explained', (e) => window.explained.push(e.detail));
  </script>
</body></html>`;

describe('<spectracam-explain> on another page', { skip: missing }, () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let server: PreviewServer;

  before(async () => {
    ensureBuiltPage();
    server = await startPreview();
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  after(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  test('the demo page is the element itself', async () => {
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    assert.match(html, /<spectracam-explain model="\.\/example\/model\.onnx" spectra="\.\/example\/spectra\.csv">/);
  });

  test('a lab page drops it in with one tag: it loads the model, explains dropped spectra like the Node runtime, and keeps to itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/lab.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: LAB_PAGE }));
    await page.goto(`${server.url}lab.html`);
    const element = page.locator('spectracam-explain');
    // With a model and no spectra, the element loads the model and waits for a drop.
    await page.waitForFunction(() => document.querySelector('spectracam-explain')?.shadowRoot?.getElementById('model-info')?.textContent?.includes('Model'), undefined, { timeout: 120_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { explained: unknown[] }).explained.length), 0);

    const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
    const work = mkdtempSync(join(tmpdir(), 'spectracam-lab-'));
    const path = join(work, 'lab-spectra.csv');
    writeFileSync(path, `${lines.slice(0, 6).join('\n')}\n`);
    await element.locator('#spectra-input').setInputFiles(path);
    await page.waitForFunction(() => (window as unknown as { explained: unknown[] }).explained.length > 0, undefined, { timeout: 120_000 });
    const detail = await page.evaluate(() => (window as unknown as { explained: { source: string; explanation: { spectra: { predicted: string }[] } }[] }).explained[0]!);
    assert.equal(detail.source, 'lab-spectra.csv');

    const axis = lines[0]!.split(',').slice(2).map(Number);
    const rows = lines.slice(1, 6).map((l) => l.split(',').slice(2).map(Number));
    const model = await loadModel(new Uint8Array(readFileSync(join(distDir, 'example', 'model.onnx'))));
    try {
      const node = await model.predict(rows, { axis });
      assert.deepEqual(detail.explanation.spectra.map((s) => s.predicted), node.map((p) => p.predicted));
    } finally {
      await model.dispose();
    }
    assert.equal(await element.locator('#spectrum-chart svg path.spectrum-line').count(), 1, 'the spectrum is drawn inside the element');
    // Shadow DOM both ways: the lab's CSS does not reach in, its ids do not collide with the element's.
    assert.notEqual(await element.locator('h2').first().evaluate((h) => getComputedStyle(h).color), 'rgb(0, 128, 0)');
    assert.equal(await page.evaluate(() => document.getElementById('message')?.textContent), 'the lab\'s own element with the id the widget uses inside');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'the element registers no service worker of its own');

    // Taken off the page (its worker stops) and put back, it explains again with the same model.
    await page.evaluate(async () => {
      const el = document.querySelector('spectracam-explain')!;
      el.remove();
      await new Promise((r) => setTimeout(r, 100));
      document.body.append(el);
    });
    await element.locator('#spectra-input').setInputFiles(path);
    await page.waitForFunction(() => (window as unknown as { explained: unknown[] }).explained.length > 2, undefined, { timeout: 120_000 });
    const again = await page.evaluate(() => (window as unknown as { explained: { explanation: { spectra: { predicted: string }[] } }[] }).explained.at(-1)!);
    assert.deepEqual(again.explanation.spectra.map((s) => s.predicted), detail.explanation.spectra.map((s) => s.predicted));
    assert.deepEqual(errors, []);
  });
});
