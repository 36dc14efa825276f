import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { preview } from 'vite';
import { webDemoDir } from './builtPage.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One response the server sent: what the browser really fetched over the network. */
export interface Served {
  /** Path and query, e.g. `/ort/1.30.0/ort-wasm-simd-threaded.wasm`. */
  url: string;
  status: number;
  /** Bytes written to the connection for it, headers included (compressed bodies as sent). */
  bytes: number;
  encoding?: string;
  contentType?: string;
  /** Date.now() when the response was finished. */
  at: number;
}

export interface PreviewServer {
  url: string;
  /** Every response so far, in the order they finished. */
  served: Served[];
  close(): Promise<void>;
}

/** `vite preview` of the built page (with its COOP/COEP headers) on a free localhost port. */
export async function startPreview(): Promise<PreviewServer> {
  const port = await freePort();
  const server = await preview({
    root: webDemoDir,
    configFile: `${webDemoDir}/vite.config.ts`,
    logLevel: 'silent',
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  const served: Served[] = [];
  // Browsers send one request at a time per HTTP/1.1 connection, so the bytes a connection
  // wrote between a request's start and its response's end are that response's.
  server.httpServer.on('request', (req, res) => {
    const socket = req.socket as Socket;
    const before = socket.bytesWritten;
    res.on('finish', () => {
      const header = (name: string) => {
        const value = res.getHeader(name);
        return value === undefined ? undefined : String(value);
      };
      served.push({
        url: req.url ?? '/',
        status: res.statusCode,
        bytes: socket.bytesWritten - before,
        encoding: header('content-encoding'),
        contentType: header('content-type'),
        at: Date.now(),
      });
    });
  });
  return { url: `http://127.0.0.1:${port}/`, served, close: () => server.close() };
}
