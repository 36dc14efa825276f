import { createServer } from 'node:net';
import { preview } from 'vite';
import { webDemoDir } from './builtPage.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `vite preview` of the built page (with its COOP/COEP headers) on a free localhost port. */
export async function startPreview(): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = await preview({
    root: webDemoDir,
    configFile: `${webDemoDir}/vite.config.ts`,
    logLevel: 'silent',
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
