import { generateSynthetic, datasetToCsv } from './src/index.js';
let t = performance.now();
const r = generateSynthetic();
console.log('gen', performance.now() - t); t = performance.now();
const csv = datasetToCsv(r.dataset);
console.log('csv', performance.now() - t, csv.length);
