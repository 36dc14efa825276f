import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** Name and version written into every model file, from the exporter's package.json. */
export const producer = { name: pkg.name, version: pkg.version };
