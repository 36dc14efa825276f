import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedData, sharedDataDir } from '@spectracam/test/support/sharedData';
import type { FuzzReader } from './fuzzProtocol.js';

/** A valid file the fuzz tests mutate, and where it came from. */
export interface FuzzBase {
  name: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();
const SPC_FIXTURES = fileURLToPath(new URL('../fixtures/spc/', import.meta.url));

/** The first `count` lines of a text file, with their line ends. */
function firstLines(path: string, count: number): string {
  return `${readFileSync(path, 'latin1').split('\n').slice(0, count).join('\n')}\n`;
}

/**
 * The valid files a reader's fuzz test starts from, or the path they need when it is absent
 * (the shared data sets). JCAMP-DX and the SPC fixtures are always there.
 */
export function fuzzBases(reader: FuzzReader): { bases: FuzzBase[]; missing?: string } {
  switch (reader) {
    case 'csv': {
      if (!existsSync(sharedData.meatCsv)) return { bases: [], missing: sharedData.meatCsv };
      const lines = readFileSync(sharedData.meatCsv, 'utf8').split('\n');
      // Spectra as columns as the file has them, and 6 of them as rows (a numeric header axis).
      const columns = `${lines.slice(0, 8).join('\n')}\n`;
      const cells = lines.slice(1, 31).map((l) => l.split(','));
      const rows = [`id,${cells.map((c) => c[0]).join(',')}`, ...[1, 2, 3, 41, 42, 81].map((s) => `${lines[0]!.split(',')[s]!.trim()},${cells.map((c) => c[s]).join(',')}`)];
      return { bases: [{ name: 'FreshMeatFTIR.csv (8 lines)', bytes: encoder.encode(columns) }, { name: 'FreshMeatFTIR.csv (6 spectra as rows)', bytes: encoder.encode(`${rows.join('\n')}\n`) }] };
    }
    case 'ucr': {
      const ham = join(sharedDataDir, 'ucr-spectro', 'Ham_TRAIN.tsv');
      if (!existsSync(ham)) return { bases: [], missing: ham };
      return { bases: [{ name: 'Ham_TRAIN.tsv (6 lines)', bytes: encoder.encode(firstLines(ham, 6)) }] };
    }
    case 'two-column': {
      const raman = join(sharedData.ramanDir, 'saureus', 'MRSA');
      const labspec = join(sharedDataDir, 'instrument-files', 'labspec', '532nm-191216-Si_200mu.txt');
      if (!existsSync(raman) || !existsSync(labspec)) return { bases: [], missing: existsSync(raman) ? labspec : raman };
      const file = readdirSync(raman).sort()[0]!;
      return {
        bases: [
          { name: `${file} (120 lines)`, bytes: encoder.encode(firstLines(join(raman, file), 120)) },
          { name: '532nm-191216-Si_200mu.txt', bytes: readFileSync(labspec) },
        ],
      };
    }
    case 'jcamp':
      return { bases: [{ name: 'compressed XYDATA (built)', bytes: encoder.encode(compressedJcamp()) }, { name: 'XYPOINTS (built)', bytes: encoder.encode(xyPointsJcamp()) }] };
    case 'opus':
    case 'wdf':
    case 'spa':
    case 'labspec': {
      const dir = join(sharedDataDir, 'instrument-files');
      const files = INSTRUMENT_BASES[reader].map((f) => join(dir, f));
      const absent = files.find((f) => !existsSync(f));
      if (absent) return { bases: [], missing: absent };
      return { bases: files.map((f) => ({ name: f.slice(dir.length + 1), bytes: readFileSync(f) })) };
    }
    case 'spc': {
      const bases = readdirSync(SPC_FIXTURES)
        .filter((f) => f.endsWith('.spc'))
        .map((f) => ({ name: f, bytes: readFileSync(join(SPC_FIXTURES, f)) }));
      const instruments = join(sharedDataDir, 'instrument-files', 'spc');
      if (!existsSync(instruments)) return { bases, missing: instruments };
      for (const f of readdirSync(instruments).filter((f) => /\.spc$/i.test(f))) bases.push({ name: f, bytes: readFileSync(join(instruments, f)) });
      return { bases };
    }
  }
}

/** The real files each instrument reader is fuzzed from (the smaller ones: every case is written and read four ways). */
const INSTRUMENT_BASES = {
  opus: ['opus/test.0000', 'opus/background.0'],
  wdf: ['wdf/sp.wdf', 'wdf/undefined.wdf'],
  spa: ['opus/not_opus.spa'],
  labspec: ['labspec/532nm-191216-Si_200mu.txt'],
} as const;

const HEADER = ['##TITLE=fuzz base', '##JCAMP-DX=4.24', '##DATA TYPE=INFRARED SPECTRUM', '##XUNITS=1/CM', '##YUNITS=ABSORBANCE'];

/** 80 points as JCAMP-DX 4.24 compressed data (SQZ first value, DIF with DUP after it, a y-check line). */
export function compressedJcamp(): string {
  const n = 80;
  const ys = Array.from({ length: n }, (_, i) => (i >= 30 && i < 42 ? 1250 : Math.round(1000 + 300 * Math.sin(i / 5))));
  let data = `1000 ${sqz(ys[0]!)}`;
  for (let i = 1; i < n; ) {
    const d = ys[i]! - ys[i - 1]!;
    let run = 1;
    while (i + run < n && ys[i + run]! - ys[i + run - 1]! === d) run++;
    data += dif(d) + (run > 1 ? dup(run) : '');
    i += run;
  }
  return [...HEADER, '##FIRSTX=1000', `##LASTX=${1000 + 2 * (n - 1)}`, `##NPOINTS=${n}`, '##XFACTOR=1', '##YFACTOR=0.001', '##XYDATA=(X++(Y..Y))', data, `${1000 + 2 * (n - 1)} ${sqz(ys[n - 1]!)}`, '##END=', ''].join('\n');
}

/** 30 pairs under ##XYPOINTS. */
function xyPointsJcamp(): string {
  const pairs = Array.from({ length: 30 }, (_, i) => `${(400 + 3.5 * i).toFixed(1)}, ${(0.5 + 0.4 * Math.cos(i / 4)).toFixed(4)}`);
  return [...HEADER, '##NPOINTS=30', '##XYPOINTS=(XY..XY)', ...pairs, '##END=', ''].join('\n');
}

/** JCAMP-DX 4.24 ASDF forms: SQZ @A-I (a-i negative), DIF %J-R (j-r negative), DUP S-Z then s for 9. */
function sqz(v: number): string {
  const s = String(Math.abs(v));
  return (v === 0 ? '@' : String.fromCharCode((v > 0 ? 64 : 96) + Number(s[0]))) + s.slice(1);
}
function dif(d: number): string {
  const s = String(Math.abs(d));
  return (d === 0 ? '%' : String.fromCharCode((d > 0 ? 73 : 105) + Number(s[0]))) + s.slice(1);
}
function dup(count: number): string {
  const s = String(count);
  return (s[0] === '9' ? 's' : String.fromCharCode(82 + Number(s[0]))) + s.slice(1);
}
