import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { distDir, ensureBuiltPage } from '../support/browser/builtPage.js';
import { startPreview } from '../support/browser/previewServer.js';
import type { PreviewServer } from '../support/browser/previewServer.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('the built page is served precompressed, as the README\'s nginx set-up serves it', () => {
  let server: PreviewServer;

  before(async () => {
    ensureBuiltPage();
    server = await startPreview();
  });

  after(async () => {
    await server?.close();
  });

  test('ONNX Runtime\'s wasm: brotli, else gzip, else plain; application/wasm, isolation headers, cached for good', async () => {
    // dist/ort/<onnxruntime-web's version>/
    const path = `ort/${readdirSync(join(distDir, 'ort'))[0]}/ort-wasm-simd-threaded.wasm`;
    const original = readFileSync(join(distDir, path));
    const br = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.equal(br.headers['vary'], 'Accept-Encoding');
    assert.equal(br.headers['cross-origin-embedder-policy'], 'require-corp');
    assert.equal(br.headers['cross-origin-opener-policy'], 'same-origin');
    assert.match(String(br.headers['cache-control']), /immutable/);
    assert.ok(br.body.length < original.length / 5, `brotli ${br.body.length} of ${original.length} bytes`);
    assert.ok(brotliDecompressSync(br.body).equals(original));

    const gz = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(gz.body).equals(original));

    const plain = await get(`${server.url}${path}`, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['content-type'], 'application/wasm');
    assert.ok(plain.body.equals(original));

    const again = await get(`${server.url}${path}`, { 'accept-encoding': 'br', 'if-none-match': String(br.headers['etag']) });
    assert.equal(again.status, 304, 'revalidation by ETag');
  });

  test('the page, the model and the scripts: compressed, the page revalidated, hashed scripts cached for good', async () => {
    const page = await get(server.url, { 'accept-encoding': 'br' });
    assert.equal(page.headers['content-encoding'], 'br');
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    const html = brotliDecompressSync(page.body).toString('utf8');
    const script = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const js = await get(`${server.url}${script}`, { 'accept-encoding': 'br' });
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.match(String(js.headers['cache-control']), /immutable/);
    const model = await get(`${server.url}example/model.onnx`, { 'accept-encoding': 'gzip, br' });
    assert.equal(model.headers['content-encoding'], 'br');
    assert.equal(model.headers['cache-control'], 'no-cache');
    assert.ok(brotliDecompressSync(model.body).equals(readFileSync(join(distDir, 'example', 'model.onnx'))));
    const worker = await get(`${server.url}sw.js`, { 'accept-encoding': 'br' });
    assert.equal(worker.headers['cache-control'], 'no-cache', 'a new service worker is seen at once');
  });
});
