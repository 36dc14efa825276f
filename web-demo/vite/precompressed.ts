import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Connect } from 'vite';
import { COMPRESSIBLE, headersFor } from './staticHeaders.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Every file under `dir`, as paths relative to it with `/` separators. */
export function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

/**
 * Brotli quality 11 shrinks ONNX Runtime's plain wasm to 2.30 MB (quality 9: 2.67 MB, gzip -9:
 * 3.69 MB) but takes about a minute on a 2-core machine, so compressed files are kept in a cache
 * by content hash and a rebuild reuses them. Files over 16 MB (the JSEP wasm, fetched only for
 * WebGPU) get quality 9.
 */
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/spectracam-precompressed/', import.meta.url));
const BROTLI_Q11_LIMIT = 16 * 1024 * 1024;

async function compressed(bytes: Buffer, encoding: 'br' | 'gz'): Promise<Buffer> {
  const quality = encoding === 'br' ? (bytes.length <= BROTLI_Q11_LIMIT ? 11 : 9) : 9;
  const key = `${createHash('sha256').update(bytes).digest('hex')}.${encoding}${quality}`;
  const cached = join(CACHE_DIR, key);
  if (existsSync(cached)) return readFileSync(cached);
  const out =
    encoding === 'br'
      ? await brotli(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: quality,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            [constants.BROTLI_PARAM_LGWIN]: 24,
          },
        })
      : await gzipAsync(bytes, { level: quality });
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, out);
  return out;
}

/**
 * Writes `file.br` and `file.gz` beside every compressible file of `dir` over 1 KB where they
 * are smaller than the file; servers send them with `Content-Encoding` (README.md: nginx).
 */
export async function precompress(dir: string): Promise<void> {
  const files = filesUnder(dir).filter((f) => COMPRESSIBLE.test(f) && statSync(join(dir, f)).size > 1024);
  await Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(join(dir, file));
      for (const encoding of ['br', 'gz'] as const) {
        const out = await compressed(bytes, encoding);
        if (out.length < bytes.length) writeFileSync(join(dir, `${file}.${encoding}`), out);
      }
    }),
  );
}

function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.toLowerCase());
  }
  return accepted;
}

/**
 * Serves the built page as a static server should: the precompressed copy the browser accepts
 * (brotli, then gzip) with `Content-Encoding` and `Vary: Accept-Encoding`, the type of the
 * original file (`application/wasm`), headers from staticHeaders.ts, an ETag and 304s.
 * `vite preview` runs it before its own static server; files it does not find go on there.
 */
export function servePrecompressed(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return next();
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    const relativePath = relative(root, file).split(sep).join('/');
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const encoding = (['br', 'gzip'] as const).find((e) => accepted.has(e) && existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`));
    const served = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
    const stat = statSync(served);
    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
    for (const [k, v] of Object.entries(headersFor(relativePath))) res.setHeader(k, v);
    if (COMPRESSIBLE.test(relativePath)) res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(stat.size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(served).pipe(res);
  };
}
